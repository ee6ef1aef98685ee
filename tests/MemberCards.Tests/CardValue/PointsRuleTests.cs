using MemberCards.CardValue;

namespace MemberCards.Tests.CardValue;

public sealed class PointsRuleTests
{
    private static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-03-20", "2027-12-31")]
    [InlineData("2026-01-01", "2027-12-31")]
    [InlineData("2026-12-31", "2027-12-31")]
    public void End_of_the_following_year(string earned, string lastDay) =>
        Assert.Equal(D(lastDay), new PointsRule { Expiry = PointsExpiryPolicy.EndOfFollowingYear }.ExpiresOn(D(earned)));

    [Theory]
    [InlineData("2026-03-20", 12, "2027-03-20")]
    // Calendar months, clamped to the month's end.
    [InlineData("2026-01-31", 1, "2026-02-28")]
    [InlineData("2027-12-31", 2, "2028-02-29")]
    [InlineData("2026-08-31", 6, "2027-02-28")]
    public void Months_after_earning_clamp_to_the_months_end(string earned, int months, string lastDay) =>
        Assert.Equal(D(lastDay), new PointsRule { Expiry = PointsExpiryPolicy.MonthsAfterEarning, ExpiryMonths = months }.ExpiresOn(D(earned)));

    [Fact]
    public void Never_expiring_points_have_no_last_day() =>
        Assert.Null(new PointsRule { Expiry = PointsExpiryPolicy.Never }.ExpiresOn(new DateOnly(2026, 3, 20)));

    [Theory]
    [InlineData(100, 1, 1)]
    [InlineData(300, 3, 1)]
    [InlineData(10, 1, 10)]
    [InlineData(250, 5, 2)]
    public void The_step_is_the_fewest_points_worth_whole_fen(int pointsPerYuan, long step, long fenPerStep)
    {
        var rule = new PointsRule { RedeemPointsPerYuan = pointsPerYuan };

        Assert.Equal(step, PointsValue.Step(rule));
        Assert.Equal(fenPerStep, PointsValue.CashMinor(step, rule));
    }

    [Theory]
    // 50% of ¥80, no fixed cap: ¥40.
    [InlineData(8_000, 50, 0, 4_000)]
    // The fixed cap is lower: ¥10.
    [InlineData(8_000, 50, 1_000, 1_000)]
    // Percent cap lower than the fixed one.
    [InlineData(1_000, 50, 1_000, 500)]
    [InlineData(8_000, 100, 0, 8_000)]
    public void The_cap_is_the_least_of_the_bill_the_fixed_cap_and_the_percent(long due, int percent, long capMinor, long expected) =>
        Assert.Equal(expected, PointsValue.CapMinor(due, new PointsRule { RedeemCapPercent = percent, RedeemCapMinor = capMinor }));
}
