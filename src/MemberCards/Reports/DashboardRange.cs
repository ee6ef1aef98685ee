namespace MemberCards.Reports;

/// <summary>Whole local days in the store's time zone, [From, ToExclusive).</summary>
public sealed record DashboardRange
{
    /// <summary>Two years: enough for any comparison a manager asks for, and a bound on what one request can cost.</summary>
    public const int MaxDays = 731;

    public DashboardRange(DateOnly from, DateOnly toExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(toExclusive, from);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(toExclusive.DayNumber - from.DayNumber, MaxDays);
        From = from;
        ToExclusive = toExclusive;
    }

    public DateOnly From { get; }
    public DateOnly ToExclusive { get; }

    public int Days => ToExclusive.DayNumber - From.DayNumber;

    /// <summary>The last <paramref name="days"/> days, today included — the same periods the campaigns page ranks.</summary>
    public static DashboardRange LastDays(DateOnly today, int days) => new(today.AddDays(1 - days), today.AddDays(1));
}

/// <summary>How the revenue chart groups days: weeks start on Monday, months on the 1st.</summary>
public enum Granularity
{
    Day,
    Week,
    Month,
}
