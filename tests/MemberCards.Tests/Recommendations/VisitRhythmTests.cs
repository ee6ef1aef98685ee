using MemberCards.Recommendations;

namespace MemberCards.Tests.Recommendations;

public sealed class VisitRhythmTests
{
    private static readonly DateTime Now = new(2026, 3, 20, 15, 0, 0, DateTimeKind.Utc);
    private static readonly int[] DaysAgo = [30, 36, 42, 47, 54];

    [Fact]
    public void The_usual_interval_is_the_median_gap_and_lapsing_is_twice_it_and_two_weeks()
    {
        var visits = DaysAgo.Select(d => Now.AddDays(-d)).ToList();

        var rhythm = VisitRhythm.Of(visits, Now.AddDays(-18))!;
        var later = VisitRhythm.Of(visits, Now)!;

        Assert.Equal(new VisitRhythm(5, 6, 12), rhythm);
        Assert.False(rhythm.Lapsing);
        Assert.Equal(30, later.DaysSinceLast);
        Assert.True(later.Lapsing);
    }

    [Fact]
    public void A_frequent_visitor_is_not_lapsing_before_two_weeks_and_two_visits_say_nothing()
    {
        var daily = Enumerable.Range(0, 10).Select(d => Now.AddDays(-13 - d)).ToList();

        Assert.False(VisitRhythm.Of(daily, Now)!.Lapsing);
        Assert.True(VisitRhythm.Of(daily, Now.AddDays(1))!.Lapsing);
        Assert.Null(VisitRhythm.Of([Now.AddDays(-40), Now.AddDays(-30)], Now));
    }
}
