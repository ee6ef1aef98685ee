namespace MemberCards.Data;

/// <summary>
/// The liability report's raw SQL (<see cref="Reports.LiabilityReport"/>). Each query reads one covering index, the
/// partial ones by repeating their filter word for word (SQLite uses a partial index only then).
/// </summary>
public static class LiabilitySql
{
    /// <summary>The filter of <c>IX_LedgerEntries_MoneyMoves</c>: the ledger entries that move stored value.</summary>
    public const string MovesMoney = "\"PrincipalDeltaMinor\" <> 0 OR \"BonusDeltaMinor\" <> 0";

    /// <summary>The filter of <c>IX_Members_HoldingValue</c>: the members whose card holds stored value.</summary>
    public const string HoldsValue = "\"PrincipalMinor\" > 0 OR \"BonusMinor\" > 0";

    /// <summary>
    /// What the cards hold now, from the balances cached on the members: stored value from the members holding any
    /// (IX_Members_HoldingValue), points held and owed each from its own range of the points index (one range each
    /// sums bare values: a third of the time of one pass over both with a CASE per row) — never a pass over the rows.
    /// </summary>
    public const string Outstanding = $"""
        SELECT v."PrincipalMinor", v."BonusMinor", v."MembersWithValue", h."PointsHeld", o."PointsOwed", o."MembersOwing"
        FROM (
            SELECT COALESCE(SUM("PrincipalMinor"), 0) AS "PrincipalMinor", COALESCE(SUM("BonusMinor"), 0) AS "BonusMinor", COUNT(*) AS "MembersWithValue"
            FROM "Members" WHERE {HoldsValue}
        ) v, (
            SELECT COALESCE(SUM("Points"), 0) AS "PointsHeld" FROM "Members" WHERE "Points" > 0
        ) h, (
            SELECT COALESCE(-SUM("Points"), 0) AS "PointsOwed", COUNT(*) AS "MembersOwing" FROM "Members" WHERE "Points" < 0
        ) o
        """;

    /// <summary>
    /// Points left in lots whose last day comes before {0}, {1} and {2} (three store dates, ascending). Lots past
    /// their day that the expiry job has not emptied yet are counted too: they go first.
    /// </summary>
    public const string Expiring = """
        SELECT COALESCE(SUM(CASE WHEN "ExpiresOn" < {0} THEN "RemainingPoints" ELSE 0 END), 0) AS "First",
            COALESCE(SUM(CASE WHEN "ExpiresOn" < {1} THEN "RemainingPoints" ELSE 0 END), 0) AS "Second",
            COALESCE(SUM("RemainingPoints"), 0) AS "Third"
        FROM "PointsLots"
        WHERE "RemainingPoints" > 0 AND "ExpiresOn" < {2}
        """;

    /// <summary>
    /// Money onto and off cards per local day over one stretch of constant UTC offset, as the ledger moved it: top-ups
    /// (principal), their bonuses, and payments from cards. A void counts, negatively, on the day it was made: a
    /// reversal that carries a top-up undoes a top-up, any other one a payment. Parameters: {0} the offset in
    /// milliseconds, {1} and {2} the stretch's start and end in Unix milliseconds. One index seek per day and kind
    /// rather than a GROUP BY, which sorts every entry of the range (four times slower over a year).
    /// </summary>
    public static string FlowByDay(long millisecondsPerDay)
    {
        var day = millisecondsPerDay;
        var from = $$"""CASE WHEN d."Day" * {{day}} - {0} > {1} THEN d."Day" * {{day}} - {0} ELSE {1} END""";
        var to = $$"""CASE WHEN (d."Day" + 1) * {{day}} - {0} < {2} THEN (d."Day" + 1) * {{day}} - {0} ELSE {2} END""";
        string Sum(string amount, string kind, bool ofTopUps) => $$"""
            (SELECT COALESCE(SUM({{amount}}), 0) FROM "LedgerEntries"
                 WHERE ({{MovesMoney}}) AND "Kind" IN ('{{kind}}', 'VoidReversal') AND "At" >= {{from}} AND "At" < {{to}}
                   AND ("Kind" = '{{kind}}' OR "TopUpId" IS {{(ofTopUps ? "NOT NULL" : "NULL")}}))
            """;
        return $$"""
            WITH RECURSIVE d("Day") AS (
                SELECT ({1} + {0}) / {{day}}
                UNION ALL
                SELECT "Day" + 1 FROM d WHERE ("Day" + 1) * {{day}} - {0} < {2}
            )
            SELECT d."Day",
                {{Sum("\"PrincipalDeltaMinor\"", "TopUp", ofTopUps: true)}} AS "TopUpsMinor",
                {{Sum("\"BonusDeltaMinor\"", "Bonus", ofTopUps: true)}} AS "BonusGivenMinor",
                -{{Sum("\"PrincipalDeltaMinor\" + \"BonusDeltaMinor\"", "Spend", ofTopUps: false)}} AS "SpentMinor"
            FROM d
            """;
    }
}
