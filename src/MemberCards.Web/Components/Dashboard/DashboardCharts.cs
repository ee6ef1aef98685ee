using MemberCards.Reports;
using MemberCards.Web.Components.Charts;
using MemberCards.Web.Localization;
using Microsoft.Extensions.Localization;

namespace MemberCards.Web.Components.Dashboard;

/// <summary>Turns the dashboard's figures into what each chart draws and the same numbers as a table.</summary>
public sealed class DashboardCharts(StoreFormat format, IStringLocalizer<DashboardText> text, Messages messages)
{
    private ApexValueFormat Currency => new("currency", format.MoneyCulture.Name, format.CurrencyCode);

    private static ApexValueFormat Count => new("number", StoreFormat.UserCulture.Name);

    public ChartView Revenue(IReadOnlyList<RevenuePoint> points, Granularity granularity)
    {
        var labels = points.Select(p => PeriodLabel(p.Start, granularity)).ToList();
        return new(new ApexChartOptions
        {
            Chart = new ApexChartSettings("area", Id: "revenue") { Zoom = new ApexZoom(true) },
            Series = [new ApexSeries(text["Revenue"], [.. points.Select(p => Money.ToMajor(p.RevenueMinor))])],
            Xaxis = new ApexAxis(labels, TickPlacement: "on", TickAmount: Math.Min(labels.Count, 12)),
            Stroke = new ApexStroke("monotoneCubic"),
            DataLabels = new ApexDataLabels(false),
            ValueFormat = Currency,
        }, Table([text["Period"], text["Revenue"], text["Purchases"]], points.Select((p, i) => Row(labels[i], format.Money(p.RevenueMinor), format.Number(p.Purchases)))));
    }

    public ChartView Categories(IReadOnlyList<CategorySales> categories) => new(
        Donut("categories", [.. categories.Select(c => c.Category)], [.. categories.Select(c => Money.ToMajor(c.RevenueMinor))], text["Revenue"], Currency),
        Table([text["Category"], text["Revenue"]], categories.Select(c => Row(c.Category, format.Money(c.RevenueMinor)))));

    public ChartView TopProducts(IReadOnlyList<ProductSales> products) => new(
        Bars("top-products", [.. products.Select(p => p.Product)], text["Revenue"], [.. products.Select(p => Money.ToMajor(p.RevenueMinor))], true, Currency),
        Table([text["Product"], text["Category"], text["Quantity"], text["Revenue"]], products.Select(p => Row(p.Product, p.Category, format.Number(p.Quantity), format.Money(p.RevenueMinor)))));

    public ChartView TopMembers(IReadOnlyList<MemberSpend> members) => new(
        Bars("top-members", [.. members.Select(m => m.Name)], text["Spend"], [.. members.Select(m => Money.ToMajor(m.SpendMinor))], true, Currency),
        Table([text["Member"], text["Card"], text["Purchases"], text["Spend"]], members.Select(m => Row(m.Name, MemberCards.Members.CardNumber.Format(m.CardNumber), format.Number(m.Purchases), format.Money(m.SpendMinor))))
            with
        { Links = [.. members.Select(m => MemberPage(m.MemberId))] });

    public ChartView Tiers(IReadOnlyList<TierCount> tiers) => new(
        Donut("tiers", [.. tiers.Select(t => messages.Tier(t.Tier))], [.. tiers.Select(t => (decimal)t.Members)], text["Members"], Count),
        Table([text["Tier"], text["Members"]], tiers.Select(t => Row(messages.Tier(t.Tier), format.Number(t.Members)))));

    public ChartView NewMembers(IReadOnlyList<MonthCount> months) => new(
        Bars("new-members", [.. months.Select(m => format.Month(m.Month))], text["NewMembers"], [.. months.Select(m => (decimal)m.Members)], false, Count),
        Table([text["Month"], text["NewMembers"]], months.Select(m => Row(format.Month(m.Month), format.Number(m.Members)))));

    /// <summary>One row per weekday, Monday on top (ApexCharts draws the first series at the bottom), one column per hour.</summary>
    public ChartView PurchasesByHour(IReadOnlyList<HourCell> cells)
    {
        var counts = cells.ToDictionary(c => (c.Weekday, c.Hour), c => c.Purchases);
        var hours = Enumerable.Range(0, 24).ToList();
        var days = Enumerable.Range(0, 7).Select(d => (Index: d, Name: StoreFormat.UserCulture.DateTimeFormat.AbbreviatedDayNames[(d + 1) % 7])).ToList();
        return new(new ApexChartOptions
        {
            Chart = new ApexChartSettings("heatmap", Id: "purchases-by-hour"),
            Stroke = new ApexStroke("straight", 1, ["transparent"]),
            Series = [.. days.AsEnumerable().Reverse().Select(d => new ApexSeries(d.Name, [.. hours.Select(h => (decimal)counts.GetValueOrDefault((d.Index, h)))]))],
            Xaxis = new ApexAxis([.. hours.Select(h => h.ToString(StoreFormat.UserCulture))]),
            DataLabels = new ApexDataLabels(false),
            ValueFormat = Count,
        }, Table([text["Day"], .. hours.Select(h => h.ToString("00", StoreFormat.UserCulture))],
            days.Select(d => Row([d.Name, .. hours.Select(h => format.Number(counts.GetValueOrDefault((d.Index, h))))]))));
    }

    public static string MemberPage(int memberId) => $"/members/{memberId}";

    private string PeriodLabel(DateOnly start, Granularity granularity) => granularity == Granularity.Month
        ? format.Month(start)
        : start.ToString(StoreFormat.UserCulture.DateTimeFormat.MonthDayPattern.Replace("MMMM", "MMM", StringComparison.Ordinal), StoreFormat.UserCulture);

    private static ApexChartOptions Donut(string id, IReadOnlyList<string> labels, IReadOnlyList<decimal> values, string name, ApexValueFormat valueFormat) => new()
    {
        Chart = new ApexChartSettings("donut", Id: id),
        Series = [new ApexSeries(name, values)],
        Labels = labels,
        Legend = new ApexLegend("bottom"),
        ValueFormat = valueFormat,
    };

    private static ApexChartOptions Bars(string id, IReadOnlyList<string> categories, string name, IReadOnlyList<decimal> values, bool horizontal, ApexValueFormat valueFormat) => new()
    {
        Chart = new ApexChartSettings("bar", Id: id),
        Series = [new ApexSeries(name, values)],
        Xaxis = new ApexAxis(categories),
        PlotOptions = new ApexPlotOptions(new ApexBarOptions(horizontal)),
        DataLabels = new ApexDataLabels(false),
        ValueFormat = valueFormat,
    };

    private static ChartTable Table(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows) => new(columns, [.. rows]);

    private static string[] Row(params string[] cells) => cells;
}
