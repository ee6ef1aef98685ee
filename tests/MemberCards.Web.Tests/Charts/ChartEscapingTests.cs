using System.Text.Json;
using MemberCards.Reports;
using MemberCards.Web.Components.Charts;
using MemberCards.Web.Components.Dashboard;
using Microsoft.Extensions.DependencyInjection;

namespace MemberCards.Web.Tests.Charts;

/// <summary>
/// ApexCharts writes series names, categories and labels into tooltips and legends as HTML, so what the chart
/// wrapper hands the JS module must carry every user-typed string escaped exactly once, whatever the chart kind.
/// (The browser side, that the escaped text shows as text everywhere, is ChartEscapingTests in MemberCards.E2E.)
/// </summary>
public sealed class ChartEscapingTests : MudTestContext
{
    private const string Module = "./Components/Charts/ApexChart.razor.js";
    private const string Hostile = "<img src=x onerror=\"alert('x')\"> & Co";
    private const string Escaped = "&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt; &amp; Co";

    private DashboardCharts Charts => DashboardCharts();

    public static TheoryData<string> Kinds => ["area", "bar", "horizontal bar", "donut", "heatmap"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_user_string_reaches_the_chart_module_escaped_once(string kind)
    {
        var module = JSInterop.SetupModule(Module);
        var options = new ApexChartOptions
        {
            Chart = new ApexChartSettings(kind == "horizontal bar" ? "bar" : kind),
            Series = [new ApexSeries(Hostile, [1m, 2m])],
            Xaxis = kind == "donut" ? null : new ApexAxis([Hostile, "Plain"]),
            Labels = kind == "donut" ? [Hostile, "Plain"] : null,
            PlotOptions = kind == "horizontal bar" ? new ApexPlotOptions(new ApexBarOptions(true)) : null,
            DataLabels = new ApexDataLabels(true),
            Legend = new ApexLegend("bottom"),
            ValueFormat = new ApexValueFormat("number", "en-US"),
        };

        var chart = Render<ApexChart>(p => p.Add(c => c.Title, Hostile).Add(c => c.Options, options));
        chart.Render(p => p.Add(c => c.Options, options with { Series = [new ApexSeries(Hostile, [3m, 4m])] }));

        foreach (var json in module.Invocations.Where(i => i.Identifier is "create" or "update").Select(i => (string)i.Arguments[1]!))
        {
            var root = JsonDocument.Parse(json).RootElement;
            Assert.All(Strings(root), AssertSafeForHtml);
            Assert.Equal(Escaped, root.GetProperty("series")[0].GetProperty("name").GetString());
            Assert.Equal(Escaped, (kind == "donut" ? root.GetProperty("labels") : root.GetProperty("xaxis").GetProperty("categories"))[0].GetString());
        }
        Assert.Equal(2, module.Invocations.Count(i => i.Identifier is "create" or "update"));
        // The screen-reader name is Blazor markup, which escapes by itself: it must not be escaped twice.
        Assert.Equal(Hostile, chart.Find("[role=img]").GetAttribute("aria-label"));
    }

    [Fact]
    public void The_dashboard_charts_fed_by_names_users_type_escape_them()
    {
        var module = JSInterop.SetupModule(Module);
        var views = new[]
        {
            Charts.TopMembers([new MemberSpend(1, Hostile, "400000000006", 150_000, 3)]),
            Charts.TopProducts([new ProductSales(1, Hostile, Hostile, 1_000, 2)]),
            Charts.Categories([new CategorySales(Hostile, 1_000)]),
        };

        foreach (var view in views)
        {
            Render<ChartCard>(p => p.Add(c => c.Title, "Chart").Add(c => c.View, view));
        }

        var sent = module.Invocations.Where(i => i.Identifier == "create").Select(i => (string)i.Arguments[1]!).ToList();
        Assert.Equal(3, sent.Count);
        Assert.All(sent, json =>
        {
            Assert.All(Strings(JsonDocument.Parse(json).RootElement), AssertSafeForHtml);
            Assert.Contains(JsonSerializer.Serialize(Escaped), json, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Escaping_covers_the_five_html_characters_and_nothing_else()
    {
        Assert.Equal("&amp;lt; &lt;b&gt; &quot;Zoë&quot; O&#39;Brien 张伟", ChartText.Escape("&lt; <b> \"Zoë\" O'Brien 张伟"));
    }

    private static void AssertSafeForHtml(string text)
    {
        Assert.DoesNotMatch("[<>\"']", text);
        Assert.DoesNotMatch("&(?!(amp|lt|gt|quot|#39);)", text);
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        _ => [],
    };
}
