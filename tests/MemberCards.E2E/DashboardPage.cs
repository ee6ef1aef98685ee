using static Microsoft.Playwright.Assertions;

namespace MemberCards.E2E;

/// <summary>The dashboard as a user reaches it, and what the browser complained about on the way.</summary>
public sealed class DashboardPage
{
    public const string RevenueChart = "Revenue over time";
    public const string ChartTextSelector = $"[role=img][aria-label=\"{RevenueChart}\"] svg text";

    public static readonly string[] ChartTitles =
    [
        RevenueChart, "Revenue by category", "Top 10 products", "Top 10 members by spend",
        "Members by tier", "New members per month", "Purchases by weekday and hour",
    ];

    // True once the revenue area has height and has not changed shape for 500 ms: ApexCharts' draw animation is
    // over. (Before it starts the area is flat and still, hence the height check.) Polled, so it keeps state on window.
    private const string ChartSettled = """
        selector => {
          const paths = Array.from(document.querySelectorAll(selector));
          const shape = paths.map(path => path.getAttribute('d')).join('|');
          const state = window.__e2eChartSettle ??= { shape: null, since: 0 };
          if (state.shape !== shape) {
            state.shape = shape;
            state.since = performance.now();
            return false;
          }
          return performance.now() - state.since >= 500 && paths.some(path => path.getBBox().height > 1);
        }
        """;

    private const string AreaSelector = $"[role=img][aria-label=\"{RevenueChart}\"] path.apexcharts-area";

    private readonly BrowserProblems _problems;

    private DashboardPage(IPage page)
    {
        Page = page;
        _problems = BrowserProblems.Watch(page);
    }

    public IPage Page { get; }

    /// <summary>Console errors, page errors, failed requests and error responses seen so far.</summary>
    public IReadOnlyList<string> Problems => _problems.Seen;

    public ILocator Chart(string title) => Page.GetByRole(AriaRole.Img, new() { Name = title, Exact = true });

    public ILocator Card(string title) => Page.GetByRole(AriaRole.Region, new() { Name = title, Exact = true });

    public ILocator Kpi(string label) => Page.GetByRole(AriaRole.Group, new() { Name = label, Exact = true });

    public ILocator KpiValue(string label) => Kpi(label).Locator(".kpi-value");

    /// <summary>Opens "/" and waits until the circuit is interactive and (unless the shop has no sales yet) the revenue chart has drawn.</summary>
    public static async Task<DashboardPage> OpenAsync(IPage page, bool waitForChart = true)
    {
        var dashboard = new DashboardPage(page);
        await page.GotoAsync("/");
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        if (waitForChart)
        {
            await dashboard.WaitForChartAsync();
        }
        return dashboard;
    }

    /// <summary>Waits for the revenue chart's SVG, its area, the end of its animation and a quiet network.</summary>
    public async Task WaitForChartAsync()
    {
        await Expect(Chart(RevenueChart).Locator("svg.apexcharts-svg")).ToBeVisibleAsync();
        await Expect(Page.Locator(AreaSelector).First).ToBeAttachedAsync();
        await Page.EvaluateAsync("() => delete window.__e2eChartSettle");
        await Page.WaitForFunctionAsync(ChartSettled, AreaSelector, new() { PollingInterval = 100 });
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>The revenue chart's last point (today, at day granularity) as ApexCharts holds it, in major units.</summary>
    public Task<decimal> LastRevenuePointAsync() =>
        Page.EvaluateAsync<decimal>("() => { const s = ApexCharts.getChartByID('revenue').w.globals.series[0]; return s[s.length - 1]; }");

    public async Task ChooseRangeAsync(string range)
    {
        await Page.GetByLabel("Range").ClickAsync();
        await Page.GetByRole(AriaRole.Option, new() { Name = range, Exact = true }).ClickAsync();
    }

    public Task ShowAsTableAsync(string chart) => Card(chart).GetByLabel("Show as table").CheckAsync();

    /// <summary>The computed colour of the revenue chart's axis labels.</summary>
    public Task<string> ChartTextColourAsync() => Page.Locator(ChartTextSelector).First.EvaluateAsync<string>("text => getComputedStyle(text).fill");

    public Task<string> BodyBackgroundAsync() => Page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

    public Task SaveScreenshotAsync(string name) => Screenshots.SaveAsync(Page, name);
}
