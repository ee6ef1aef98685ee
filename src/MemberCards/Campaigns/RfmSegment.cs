namespace MemberCards.Campaigns;

/// <summary>Named RFM segments, from the best customers to the ones most likely gone (README, "RFM").</summary>
public enum RfmSegment
{
    Champions,
    Loyal,
    PotentialLoyalists,
    AtRisk,
    CantLoseThem,
    Hibernating,
    Lost,
}

/// <summary>
/// Maps scores to segments on recency (R) and FM = (F + M) / 2 rounded down; the first row that matches wins.
/// The same table becomes the SQL CASE that filters and counts segments, so the two can't disagree.
/// </summary>
public static class RfmSegments
{
    public static readonly IReadOnlyList<(RfmSegment Segment, int MinR, int MaxR, int MinFm, int MaxFm)> Table =
    [
        (RfmSegment.Champions, 4, 5, 4, 5),
        (RfmSegment.Loyal, 3, 5, 3, 5),
        (RfmSegment.PotentialLoyalists, 4, 5, 1, 2),
        (RfmSegment.CantLoseThem, 1, 1, 4, 5),
        (RfmSegment.AtRisk, 1, 2, 3, 5),
        (RfmSegment.Hibernating, 2, 3, 1, 2),
        (RfmSegment.Lost, 1, 1, 1, 2),
    ];

    public static RfmSegment Of(int r, int f, int m)
    {
        var fm = (f + m) / 2;
        return Table.First(t => r >= t.MinR && r <= t.MaxR && fm >= t.MinFm && fm <= t.MaxFm).Segment;
    }

    /// <summary>A SQL expression giving the segment's number from integer columns r and fm.</summary>
    public static string SqlCase(string r, string fm) =>
        "CASE " + string.Concat(Table.Select(t =>
            $"WHEN {r} BETWEEN {t.MinR} AND {t.MaxR} AND {fm} BETWEEN {t.MinFm} AND {t.MaxFm} THEN {(int)t.Segment} ")) + "END";
}
