using static Microsoft.Playwright.Assertions;

namespace MemberCards.E2E;

/// <summary>The dashboard as a user reaches it, and what the browser complained about on the way.</summary>
public sealed class DashboardPage
{
    public const string ChartName = "Monthly spend, last 12 months";
    public const string BarSelector = $"[role=img][aria-label=\"{ChartName}\"] .apexcharts-bar-area";
    public const string ChartTextSelector = $"[role=img][aria-label=\"{ChartName}\"] svg text";

    // True once some bar has height and no bar has changed shape for 500 ms: ApexCharts' draw animation is over.
    // (Before it starts all bars are flat and still, hence the height check.) Polled, so it keeps state on window.
    private const string ChartSettled = """
        selector => {
          const bars = Array.from(document.querySelectorAll(selector));
          const shape = bars.map(bar => bar.getAttribute('d')).join('|');
          const state = window.__e2eChartSettle ??= { shape: null, since: 0 };
          if (state.shape !== shape) {
            state.shape = shape;
            state.since = performance.now();
            return false;
          }
          return performance.now() - state.since >= 500 && bars.some(bar => bar.getBBox().height > 1);
        }
        """;

    private readonly BrowserProblems _problems;

    private DashboardPage(IPage page)
    {
        Page = page;
        _problems = BrowserProblems.Watch(page);
    }

    public IPage Page { get; }

    /// <summary>Console errors, page errors, failed requests and error responses seen so far.</summary>
    public IReadOnlyList<string> Problems => _problems.Seen;

    public ILocator Chart => Page.GetByRole(AriaRole.Img, new() { Name = ChartName, Exact = true });

    public ILocator ChartBars => Chart.Locator(".apexcharts-bar-area");

    public ILocator Kpi(string label) => Page.GetByRole(AriaRole.Group, new() { Name = label, Exact = true });

    /// <summary>Opens "/" and waits until the circuit is interactive and the chart has drawn its bars.</summary>
    public static async Task<DashboardPage> OpenAsync(IPage page)
    {
        var dashboard = new DashboardPage(page);
        await page.GotoAsync("/");
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await dashboard.WaitForChartAsync();
        return dashboard;
    }

    /// <summary>Waits for the chart's SVG, its bars, the end of its animation and a quiet network.</summary>
    public async Task WaitForChartAsync()
    {
        await Expect(Chart.Locator("svg.apexcharts-svg")).ToBeVisibleAsync();
        await Expect(ChartBars.First).ToBeAttachedAsync();
        await Page.EvaluateAsync("() => delete window.__e2eChartSettle");
        await Page.WaitForFunctionAsync(ChartSettled, BarSelector, new() { PollingInterval = 100 });
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>The computed colour of the chart's axis labels.</summary>
    public Task<string> ChartTextColourAsync() => Page.Locator(ChartTextSelector).First.EvaluateAsync<string>("text => getComputedStyle(text).fill");

    public Task<string> BodyBackgroundAsync() => Page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

    public Task SaveScreenshotAsync(string name) => Screenshots.SaveAsync(Page, name);
}
