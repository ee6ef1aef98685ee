using MemberCards.Web.Components.Charts;
using static Microsoft.Playwright.Assertions;

namespace MemberCards.E2E;

/// <summary>
/// Names people type reach ApexCharts, which writes them into tooltips and legends as HTML. In the browser they must
/// show as the text they are: no element made from them, no request for an image they name.
/// </summary>
[Collection(nameof(ChartEscapingBrowserTests))]
public sealed class ChartEscapingTests(BrowserFixture app)
{
    private const string Hostile = "<img src=x onerror=\"window.__chartXss = 1\">";

    [Fact]
    public async Task A_top_member_named_like_markup_shows_as_text_in_the_bar_tooltip_and_axis()
    {
        var page = await app.NewSignedInPageAsync("manager@demo.test", 1280, 1400);
        var images = WatchImageRequests(page);
        await AddMemberWithBigPurchaseAsync(page, Hostile);

        var dashboard = await DashboardPage.OpenAsync(page);
        var chart = dashboard.Chart("Top 10 members by spend");
        var bar = chart.Locator(".apexcharts-bar-area").First;
        var title = chart.Locator(".apexcharts-tooltip-title");
        // A hover that lands while this chart still draws its bars shows no tooltip: the pointer leaves and comes
        // back, a few times.
        for (var attempt = 1; ; attempt++)
        {
            await page.Mouse.MoveAsync(0, 0);
            await bar.HoverAsync();
            try
            {
                await Expect(title).ToHaveTextAsync(Hostile, new() { Timeout = 2_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 5)
            {
            }
        }

        await Expect(chart.Locator("svg text").Filter(new() { HasTextString = "<img src=x" }).First).ToBeVisibleAsync();
        await Expect(page.Locator("img")).ToHaveCountAsync(0);
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__chartXss ?? null"));
        Assert.Empty(images);
        await page.Context.CloseAsync();
    }

    public static TheoryData<string> Kinds => ["area", "bar", "horizontal bar", "donut", "heatmap"];

    /// <summary>
    /// Every kind of chart the app draws, fed through the app's own module with what ApexChartOptions serializes:
    /// markup in series names, categories and labels, with legend and data labels on, hovered so the tooltip shows.
    /// </summary>
    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Markup_in_any_chart_kind_stays_text_in_tooltips_legends_labels_and_axes(string kind)
    {
        var page = await app.NewSignedInPageAsync("staff@demo.test", 900, 900);
        var images = WatchImageRequests(page);
        var options = new ApexChartOptions
        {
            Chart = new ApexChartSettings(kind == "horizontal bar" ? "bar" : kind, Id: "probe"),
            Series = [new ApexSeries(Hostile, [1m, 3m]), .. kind == "donut" ? Array.Empty<ApexSeries>() : [new ApexSeries("Second " + Hostile, [2m, 1m])]],
            Xaxis = kind == "donut" ? null : new ApexAxis([Hostile, Hostile + " 2"]),
            Labels = kind == "donut" ? [Hostile, Hostile + " 2"] : null,
            PlotOptions = kind == "horizontal bar" ? new ApexPlotOptions(new ApexBarOptions(true)) : null,
            DataLabels = new ApexDataLabels(true),
            Legend = new ApexLegend("bottom"),
            ValueFormat = new ApexValueFormat("number", "en-US"),
        };

        await page.EvaluateAsync("""
            async json => {
              const probe = document.createElement('div');
              probe.id = 'probe';
              probe.style.width = '600px';
              document.body.prepend(probe);
              const module = await import('/Components/Charts/ApexChart.razor.js');
              await module.create(probe, json, null);
            }
            """, options.ToJson());
        var probe = page.Locator("#probe");
        await Expect(probe.Locator("svg.apexcharts-svg")).ToBeVisibleAsync();
        var point = kind switch
        {
            "donut" => ".apexcharts-pie-area",
            "heatmap" => ".apexcharts-heatmap-rect",
            "area" => ".apexcharts-area",
            _ => ".apexcharts-bar-area",
        };
        // ApexCharts lays its legend over the whole chart in a foreignObject, which can take the real pointer's
        // events: the pointer is moved there, and the move is also given to the point itself, as ApexCharts listens.
        // A move that lands while the chart is still laying itself out shows no tooltip: it is tried again, a few times.
        var target = probe.Locator(point).First;
        var tooltip = probe.Locator(".apexcharts-tooltip");
        for (var attempt = 1; ; attempt++)
        {
            await target.HoverAsync(new() { Force = true });
            await target.EvaluateAsync("""
                point => {
                  const box = point.getBoundingClientRect();
                  point.dispatchEvent(new MouseEvent('mousemove', { bubbles: true, clientX: box.x + box.width / 2, clientY: box.y + box.height / 2 }));
                }
                """);
            try
            {
                await Expect(tooltip).ToContainTextAsync("<img src=x", new() { Timeout = 2_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 5)
            {
            }
        }
        // Axis labels are SVG text: they show the name, not its entities (a heatmap's rows are its series names).
        if (kind != "donut")
        {
            await Expect(probe.Locator("svg text").Filter(new() { HasTextString = "<img src=x" }).First).ToBeAttachedAsync();
        }
        if (kind == "heatmap")
        {
            await Expect(probe.Locator("svg text").Filter(new() { HasTextString = "Second <img src=x" }).First).ToBeAttachedAsync();
        }
        // ApexCharts draws a legend for several series, and for a donut's slices; a heatmap has none of its own.
        if (kind != "heatmap")
        {
            await Expect(probe.Locator(".apexcharts-legend")).ToContainTextAsync(kind == "donut" ? Hostile + " 2" : "Second " + Hostile);
        }
        await Expect(probe.Locator("img")).ToHaveCountAsync(0);
        Assert.DoesNotContain("&lt;", await probe.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__chartXss ?? null"));
        Assert.Empty(images);
        await page.Context.CloseAsync();
    }

    private static List<string> WatchImageRequests(IPage page)
    {
        var requests = new List<string>();
        page.Request += (_, request) =>
        {
            if (new Uri(request.Url).AbsolutePath == "/x")
            {
                lock (requests)
                {
                    requests.Add(request.Url);
                }
            }
        };
        return requests;
    }

    // A member who spends more than anyone in the demo data, so they lead the top-members chart.
    private static async Task AddMemberWithBigPurchaseAsync(IPage page, string name)
    {
        await page.GotoAsync("/members");
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "New member" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name").FillAsync(name);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Issue card" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/members/\d+$"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Record purchase" }).ClickAsync();
        dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByLabel("Add product")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Espresso");
        await Expect(page.Locator(".mud-popover-open").GetByRole(AriaRole.Option).First).ToContainTextAsync("Espresso");
        await page.Keyboard.PressAsync("Enter");
        await dialog.GetByLabel("Quantity, line 1").FillAsync("500");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save purchase" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
    }
}

/// <summary>
/// An app of its own: the markup-named member's big purchase would otherwise lead the shared app's top-members chart
/// and move its revenue in the README's screenshots.
/// </summary>
[CollectionDefinition(nameof(ChartEscapingBrowserTests))]
public sealed class ChartEscapingBrowserTests : ICollectionFixture<BrowserFixture>;
