using MemberCards.Reports;

namespace MemberCards.Web.Components.Dashboard;

public enum RangePreset
{
    Today,
    Days7,
    Days30,
    Days90,
    Months12,
    Custom,
}

/// <summary>
/// What the manager picked. Presets end today and are turned into days when the figures load, so a dashboard
/// left open moves on at local midnight; "12 months" is the last 365 days, as on the campaigns page.
/// </summary>
public sealed record RangeChoice(RangePreset Preset, DateOnly? From = null, DateOnly? To = null)
{
    public static readonly RangeChoice Default = new(RangePreset.Days30);

    public DashboardRange ToRange(DateOnly today) => Preset switch
    {
        RangePreset.Today => DashboardRange.LastDays(today, 1),
        RangePreset.Days7 => DashboardRange.LastDays(today, 7),
        RangePreset.Days90 => DashboardRange.LastDays(today, 90),
        RangePreset.Months12 => DashboardRange.LastDays(today, 365),
        RangePreset.Custom when From is { } from && To is { } to => new DashboardRange(from, to.AddDays(1)),
        _ => DashboardRange.LastDays(today, 30),
    };

    /// <summary>The granularity that keeps the revenue chart readable for the range.</summary>
    public static Granularity DefaultGranularity(DashboardRange range) =>
        range.Days <= 31 ? Granularity.Day : range.Days <= 120 ? Granularity.Week : Granularity.Month;
}
