using System.Text.Json;
using MemberCards.Reports;
using MemberCards.Web.Components.Charts;
using MemberCards.Web.Components.Dashboard;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

namespace MemberCards.Web.Tests;

public sealed class ChartTests : MudTestContext
{
    private const string Module = "./Components/Charts/ApexChart.razor.js";

    private static readonly RevenuePoint[] Weeks =
    [
        new(new DateOnly(2026, 3, 2), 123_456, 10),
        new(new DateOnly(2026, 3, 9), 0, 0),
        new(new DateOnly(2026, 3, 16), 99, 1),
    ];

    private static readonly MemberSpend[] Spenders =
    [
        new(42, "Ada Lovelace", "400000000006", 150_000, 12),
        new(7, "Alan Turing", "400000000014", 99_950, 3),
    ];

    private DashboardCharts Charts => DashboardCharts();

    private static JsonElement Options(JSRuntimeInvocation invocation) => JsonDocument.Parse((string)invocation.Arguments[1]!).RootElement;

    [Fact]
    public void The_revenue_chart_hands_apexcharts_a_zoomable_area_in_major_units_with_week_labels_and_currency_format()
    {
        var module = JSInterop.SetupModule(Module);

        Render<ChartCard>(p => p.Add(c => c.Title, "Revenue over time").Add(c => c.View, Charts.Revenue(Weeks, Granularity.Week)));

        var root = Options(module.VerifyInvoke("create"));
        Assert.Equal("area", root.GetProperty("chart").GetProperty("type").GetString());
        Assert.True(root.GetProperty("chart").GetProperty("zoom").GetProperty("enabled").GetBoolean());
        Assert.True(root.GetProperty("chart").GetProperty("toolbar").GetProperty("show").GetBoolean(), "the toolbar downloads PNG, SVG and CSV");
        var series = Assert.Single(root.GetProperty("series").EnumerateArray());
        Assert.Equal("Revenue", series.GetProperty("name").GetString());
        Assert.Equal([1234.56m, 0m, 0.99m], series.GetProperty("data").EnumerateArray().Select(v => v.GetDecimal()));
        Assert.Equal(["Mar 2", "Mar 9", "Mar 16"], root.GetProperty("xaxis").GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        var format = root.GetProperty("valueFormat");
        Assert.Equal(("currency", "en-US", "USD"), (format.GetProperty("style").GetString(), format.GetProperty("locale").GetString(), format.GetProperty("currency").GetString()));
        Assert.Equal("light", root.GetProperty("theme").GetProperty("mode").GetString());
        Assert.False(root.TryGetProperty("labels", out _), "unset options are left out so ApexCharts keeps its defaults");
    }

    [Fact]
    public async Task Show_as_table_lists_the_same_numbers_as_the_chart()
    {
        JSInterop.SetupModule(Module);
        var card = Render<ChartCard>(p => p.Add(c => c.Title, "Revenue over time").Add(c => c.View, Charts.Revenue(Weeks, Granularity.Week)));

        await card.ChangeAsync(() => card.Find("input[type=checkbox]"), true);

        card.WaitForAssertion(() =>
        {
            var rows = card.FindAll("tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToArray()).ToList();
            Assert.Equal([["Mar 2", "$1,234.56", "10"], ["Mar 9", "$0.00", "0"], ["Mar 16", "$0.99", "1"]], rows);
            Assert.Empty(card.FindAll("[role=img]"));
        });
    }

    [Fact]
    public async Task The_top_members_chart_is_horizontal_bars_and_a_click_on_a_bar_opens_that_members_page()
    {
        var module = JSInterop.SetupModule(Module);
        var navigation = Services.GetRequiredService<NavigationManager>();
        var view = Charts.TopMembers(Spenders);
        var card = Render<ChartCard>(p => p
            .Add(c => c.Title, "Top 10 members by spend")
            .Add(c => c.View, view)
            .Add(c => c.OnPointSelected, ((int Series, int Point) point) => navigation.NavigateTo(view.Table.Links![point.Point]!)));

        var create = module.VerifyInvoke("create");
        var root = Options(create);
        Assert.True(root.GetProperty("plotOptions").GetProperty("bar").GetProperty("horizontal").GetBoolean());
        Assert.Equal(["Ada Lovelace", "Alan Turing"], root.GetProperty("xaxis").GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal([1500m, 999.5m], Assert.Single(root.GetProperty("series").EnumerateArray()).GetProperty("data").EnumerateArray().Select(v => v.GetDecimal()));
        var chart = Assert.IsType<DotNetObjectReference<ApexChart>>(create.Arguments[2]);

        await card.InvokeAsync(() => chart.Value.PointSelected(0, 1));

        Assert.EndsWith("/members/7", navigation.Uri, StringComparison.Ordinal);
        await card.ChangeAsync(() => card.Find("input[type=checkbox]"), true);
        card.WaitForAssertion(() => Assert.Equal(["/members/42", "/members/7"], card.FindAll("tbody th a").Select(a => a.GetAttribute("href"))));
        Assert.Equal(["Ada Lovelace", "4000 0000 0006", "12", "$1,500.00"], card.FindAll("tbody tr")[0].Children.Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public void Donuts_carry_labels_and_the_heatmap_puts_monday_on_top_in_one_colour()
    {
        var module = JSInterop.SetupModule(Module);
        Render<ChartCard>(p => p.Add(c => c.Title, "Members by tier")
            .Add(c => c.View, Charts.Tiers([new(new(1, 0, null, global::MemberCards.Tiers.TierPreset.Bronze), 5), new(new(3, 2, "<b>Gold</b>", null), 2)])));
        Render<ChartCard>(p => p.Add(c => c.Title, "Purchases by weekday and hour")
            .Add(c => c.View, Charts.PurchasesByHour([new HourCell(0, 9, 4), new HourCell(6, 23, 1)])));

        var creates = module.Invocations.Where(i => i.Identifier == "create").Select(Options).ToList();
        // A tier a manager named is user text: escaped once before it reaches ApexCharts.
        Assert.Equal(["Bronze", "&lt;b&gt;Gold&lt;/b&gt;"], creates[0].GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("number", creates[0].GetProperty("valueFormat").GetProperty("style").GetString());
        var rows = creates[1].GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(["Sun", "Sat", "Fri", "Thu", "Wed", "Tue", "Mon"], rows.Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(4m, rows[^1].GetProperty("data")[9].GetDecimal());
        Assert.Equal(1m, rows[0].GetProperty("data")[23].GetDecimal());
        Assert.Single(creates[1].GetProperty("colors").EnumerateArray());
    }

    [Fact]
    public void In_dark_mode_the_chart_gets_the_dark_theme_and_lighter_colours()
    {
        var module = JSInterop.SetupModule(Module);

        Render<CascadingValue<bool>>(p => p.Add(c => c.Name, "DarkMode").Add(c => c.Value, true)
            .AddChildContent<ChartCard>(c => c.Add(x => x.Title, "Revenue over time").Add(x => x.View, Charts.Revenue(Weeks, Granularity.Week))));

        var root = Options(module.VerifyInvoke("create"));
        Assert.Equal("dark", root.GetProperty("theme").GetProperty("mode").GetString());
        Assert.Equal("#7986cb", root.GetProperty("colors")[0].GetString());
    }

    [Fact]
    public async Task New_data_updates_the_existing_chart_and_disposal_destroys_it()
    {
        var module = JSInterop.SetupModule(Module);
        var card = Render<ChartCard>(p => p.Add(c => c.Title, "Revenue over time").Add(c => c.View, Charts.Revenue(Weeks, Granularity.Week)));

        card.Render(p => p.Add(c => c.View, Charts.Revenue(Weeks[..1], Granularity.Week)));
        var update = module.VerifyInvoke("update");
        Assert.Contains("\"data\":[1234.56]", (string)update.Arguments[1]!, StringComparison.Ordinal);

        await DisposeComponentsAsync();
        module.VerifyInvoke("destroy");
    }
}
