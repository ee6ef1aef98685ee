using System.Globalization;
using MemberCards.Tiers;

namespace MemberCards.Data;

/// <summary>
/// The tier measures' raw SQL (<see cref="TierMeasuring"/>), for what EF Core cannot write: the index SQLite should
/// read, and the what-if counted whole in the database. Values travel as parameters; only enum integers and column
/// names chosen here are written into the text.
/// </summary>
public static class TierSql
{
    private const string MemberIndex = "IX_Purchases_MemberId_PurchasedAt_VoidedAt_TotalMinor";

    /// <summary>
    /// Each member's spend from {0} to before {1} (Unix milliseconds). On SQLite it reads the per-member covering
    /// index whole, which groups without sorting: the planner's own choice, a range of the time index, must look up
    /// every purchase's member and sort them (12 months of 1M purchases in sqlite3: 0.10 s CPU against 0.86 s).
    /// </summary>
    public static string SpendByMember(SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return $$"""
            SELECT "MemberId" AS "Key", SUM("TotalMinor") AS "Value"
            FROM "Purchases" {{dialect.IndexHint(MemberIndex)}}
            WHERE "VoidedAt" IS NULL AND "PurchasedAt" >= {0} AND "PurchasedAt" < {1}
            GROUP BY "MemberId"
            """;
    }

    /// <summary>
    /// How many open members with any purchase or top-up in their measures would hold each rank above the entry tier's
    /// under <paramref name="rungs"/> (the tiers above the entry one), as "Rank" and "Members" rows: one grouped
    /// aggregate over the purchases with a column for each spend measure the rungs use, one over the top-ups if a rung
    /// is reached by one, and the highest rung each member meets. A member meeting none counts at rank 0.
    /// </summary>
    public static (string Sql, object[] Args) MembersByRank(SqlDialect dialect, IReadOnlyList<Tier> rungs, long rollingFromMs, long yearFromMs, long untilMs)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(rungs);
        var args = new List<object>();
        string Arg(object value)
        {
            args.Add(value);
            return string.Create(CultureInfo.InvariantCulture, $"{{{args.Count - 1}}}");
        }
        var until = Arg(untilMs);
        var measures = rungs.Select(r => r.Measure).Distinct().ToList();
        var spend = measures.Where(m => m != TierMeasure.SingleTopUp).ToList();
        // The purchases read start where the longest spend measure does (lifetime: all of them).
        long? from = spend.Contains(TierMeasure.LifetimeSpend) ? null
            : spend.Contains(TierMeasure.RollingYearSpend) && spend.Contains(TierMeasure.CalendarYearSpend) ? Math.Min(rollingFromMs, yearFromMs)
            : spend.Contains(TierMeasure.RollingYearSpend) ? rollingFromMs : yearFromMs;
        var parts = new List<string>();
        if (spend.Count > 0)
        {
            var columns = measures.Select(m => m switch
            {
                TierMeasure.RollingYearSpend => $"""SUM(CASE WHEN "PurchasedAt" >= {Arg(rollingFromMs)} THEN "TotalMinor" ELSE 0 END)""",
                TierMeasure.CalendarYearSpend => $"""SUM(CASE WHEN "PurchasedAt" >= {Arg(yearFromMs)} THEN "TotalMinor" ELSE 0 END)""",
                TierMeasure.LifetimeSpend => """SUM("TotalMinor")""",
                _ => "0",
            });
            parts.Add($"""
                SELECT "MemberId", {Named(columns, measures)}
                FROM "Purchases" {dialect.IndexHint(MemberIndex)}
                WHERE "VoidedAt" IS NULL AND "PurchasedAt" < {until}{(from is { } start ? $""" AND "PurchasedAt" >= {Arg(start)}""" : "")}
                GROUP BY "MemberId"
                """);
        }
        if (measures.Contains(TierMeasure.SingleTopUp))
        {
            parts.Add($"""
                SELECT "MemberId", {Named(measures.Select(m => m == TierMeasure.SingleTopUp ? """MAX("AmountMinor")""" : "0"), measures)}
                FROM "TopUps"
                WHERE "VoidedAt" IS NULL AND "At" >= {Arg(rollingFromMs)} AND "At" < {until}
                GROUP BY "MemberId"
                """);
        }
        // A member measured by both purchases and top-ups comes from each part once: their rows are merged.
        var measured = parts.Count == 1 ? parts[0] : $"""
            SELECT "MemberId", {string.Join(", ", measures.Select(m => $"""MAX("{Column(m)}") AS "{Column(m)}" """))}
            FROM ({string.Join(" UNION ALL ", parts)}) u
            GROUP BY "MemberId"
            """;
        var rank = string.Concat(rungs.OrderByDescending(r => r.Rank)
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"""WHEN x."{Column(r.Measure)}" >= {Arg(r.ThresholdMinor)} THEN {r.Rank} """)));
        var sql = $"""
            SELECT CASE {rank}ELSE 0 END AS "Rank", COUNT(*) AS "Members"
            FROM ({measured}) x
            JOIN "Members" m ON m."Id" = x."MemberId"
            WHERE m."Status" <> {(int)Members.MemberStatus.Closed}
            GROUP BY 1
            """;
        return (sql, [.. args]);
    }

    private static string Column(TierMeasure measure) => measure.ToString();

    /// <summary>Each measure's expression named by its measure, in the same order in every part (a UNION lines columns up by place).</summary>
    private static string Named(IEnumerable<string> expressions, IReadOnlyList<TierMeasure> measures) =>
        string.Join(", ", expressions.Zip(measures, (e, m) => $"""{e} AS "{Column(m)}" """));
}
