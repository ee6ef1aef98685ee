using System.Text.Json;
using MemberCards.Reports;
using MemberCards.Web.Components.Dashboard;

namespace MemberCards.Web.Tests;

public sealed class ChartTests : MudTestContext
{
    private static readonly MonthRevenue[] Months =
    [
        new(new DateOnly(2026, 1, 1), 123_456, 10),
        new(new DateOnly(2026, 2, 1), 0, 0),
        new(new DateOnly(2026, 3, 1), 99, 1),
    ];

    [Fact]
    public void The_monthly_chart_hands_apexcharts_one_bar_series_in_major_units_with_month_labels()
    {
        var module = JSInterop.SetupModule("./Components/Charts/ApexChart.razor.js");

        Render<MonthlySpendChart>(p => p.Add(c => c.Months, Months));

        var create = module.VerifyInvoke("create");
        using var options = JsonDocument.Parse((string)create.Arguments[1]!);
        var root = options.RootElement;
        Assert.Equal("bar", root.GetProperty("chart").GetProperty("type").GetString());
        var series = Assert.Single(root.GetProperty("series").EnumerateArray());
        Assert.Equal("Spend", series.GetProperty("name").GetString());
        Assert.Equal([1234.56m, 0m, 0.99m], series.GetProperty("data").EnumerateArray().Select(v => v.GetDecimal()));
        Assert.Equal(["Jan '26", "Feb '26", "Mar '26"], root.GetProperty("xaxis").GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        var format = root.GetProperty("valueFormat");
        Assert.Equal(("currency", "en-US", "USD"), (format.GetProperty("style").GetString(), format.GetProperty("locale").GetString(), format.GetProperty("currency").GetString()));
        Assert.Equal("light", root.GetProperty("theme").GetProperty("mode").GetString());
        Assert.False(root.TryGetProperty("labels", out _), "unset options are left out so ApexCharts keeps its defaults");
    }

    [Fact]
    public async Task New_data_updates_the_existing_chart_and_disposal_destroys_it()
    {
        var module = JSInterop.SetupModule("./Components/Charts/ApexChart.razor.js");
        var chart = Render<MonthlySpendChart>(p => p.Add(c => c.Months, Months));

        chart.Render(p => p.Add(c => c.Months, Months[..1]));
        var update = module.VerifyInvoke("update");
        Assert.Contains("\"data\":[1234.56]", (string)update.Arguments[1]!, StringComparison.Ordinal);

        await DisposeComponentsAsync();
        module.VerifyInvoke("destroy");
    }
}
