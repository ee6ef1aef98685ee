using MemberCards.Reports;
using MemberCards.Web.Components.Dashboard;

namespace MemberCards.Web.Tests.Dashboard;

public sealed class RangeChoiceTests
{
    private static readonly DateOnly Today = new(2026, 3, 20);

    [Theory]
    [InlineData(RangePreset.Today, "2026-03-20", 1)]
    [InlineData(RangePreset.Days7, "2026-03-14", 7)]
    [InlineData(RangePreset.Days30, "2026-02-19", 30)]
    [InlineData(RangePreset.Days90, "2025-12-21", 90)]
    [InlineData(RangePreset.Months12, "2025-03-21", 365)]
    public void Presets_end_today_and_count_today_in(RangePreset preset, string from, int days)
    {
        var range = new RangeChoice(preset).ToRange(Today);

        Assert.Equal((DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), Today.AddDays(1), days), (range.From, range.ToExclusive, range.Days));
    }

    [Fact]
    public void A_custom_range_includes_its_last_day_and_picks_a_readable_granularity()
    {
        var range = new RangeChoice(RangePreset.Custom, new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31)).ToRange(Today);

        Assert.Equal((new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1)), (range.From, range.ToExclusive));
        Assert.Equal(Granularity.Day, RangeChoice.DefaultGranularity(range));
        Assert.Equal(Granularity.Week, RangeChoice.DefaultGranularity(DashboardRange.LastDays(Today, 90)));
        Assert.Equal(Granularity.Month, RangeChoice.DefaultGranularity(DashboardRange.LastDays(Today, 365)));
    }

    [Fact]
    public void A_range_must_hold_a_day_and_at_most_two_years()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DashboardRange(Today, Today));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DashboardRange(Today, Today.AddDays(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DashboardRange(Today, Today.AddDays(DashboardRange.MaxDays + 1)));
    }
}
