namespace MemberCards.Recommendations;

/// <summary>
/// A member's own rhythm: the usual (median) number of days between their visits and the days since the last.
/// Lapsing: the last visit is at least twice the usual interval ago, and at least two weeks. Needs three visits.
/// </summary>
public sealed record VisitRhythm(int Visits, int UsualDays, int DaysSinceLast)
{
    public const int MinimumVisits = 3;
    public const int MinimumLapseDays = 14;

    public bool Lapsing => DaysSinceLast >= Math.Max(MinimumLapseDays, 2 * UsualDays);

    /// <summary>The rhythm of visits (any order) seen at <paramref name="now"/>; null with fewer than three visits.</summary>
    public static VisitRhythm? Of(IReadOnlyList<DateTime> visits, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(visits);
        if (visits.Count < MinimumVisits)
        {
            return null;
        }
        var sorted = visits.Order().ToArray();
        var gaps = sorted.Zip(sorted.Skip(1), (a, b) => (b - a).TotalDays).Order().ToArray();
        var median = gaps.Length % 2 == 1 ? gaps[gaps.Length / 2] : (gaps[gaps.Length / 2 - 1] + gaps[gaps.Length / 2]) / 2;
        return new VisitRhythm(sorted.Length, Math.Max(1, (int)Math.Round(median, MidpointRounding.AwayFromZero)), Math.Max(0, (int)(now - sorted[^1]).TotalDays));
    }
}
