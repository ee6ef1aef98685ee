using MemberCards.Reports;
using MemberCards.Web.Components.Charts;
using MemberCards.Web.Components.Dashboard;
using Microsoft.Extensions.Localization;

namespace MemberCards.Web.Components.Liability;

/// <summary>Money onto and off cards over time, as the chart draws it and as the same numbers in a table.</summary>
public sealed class LiabilityCharts(StoreFormat format, IStringLocalizer<LiabilityText> text)
{
    public ChartView Flow(IReadOnlyList<CardFlowPoint> points, Granularity granularity)
    {
        var labels = points.Select(p => PeriodLabel(p.Start, granularity)).ToList();
        return new(new ApexChartOptions
        {
            Chart = new ApexChartSettings("bar", Id: "card-flow"),
            Series =
            [
                new ApexSeries(text["TopUps"], [.. points.Select(p => Money.ToMajor(p.TopUpsMinor))]),
                new ApexSeries(text["BonusGiven"], [.. points.Select(p => Money.ToMajor(p.BonusGivenMinor))]),
                new ApexSeries(text["Spent"], [.. points.Select(p => Money.ToMajor(p.SpentMinor))]),
            ],
            Xaxis = new ApexAxis(labels, TickAmount: Math.Min(labels.Count, 12)),
            PlotOptions = new ApexPlotOptions(new ApexBarOptions(false)),
            DataLabels = new ApexDataLabels(false),
            Legend = new ApexLegend("top"),
            ValueFormat = new ApexValueFormat("currency", format.MoneyCulture.Name, format.CurrencyCode),
        }, new ChartTable([text["Period"], text["TopUps"], text["BonusGiven"], text["Spent"]],
            [.. points.Select((p, i) => (IReadOnlyList<string>)[labels[i], format.Money(p.TopUpsMinor), format.Money(p.BonusGivenMinor), format.Money(p.SpentMinor)])]));
    }

    private string PeriodLabel(DateOnly start, Granularity granularity) => granularity == Granularity.Month
        ? format.Month(start)
        : start.ToString(StoreFormat.UserCulture.DateTimeFormat.MonthDayPattern.Replace("MMMM", "MMM", StringComparison.Ordinal), StoreFormat.UserCulture);
}
