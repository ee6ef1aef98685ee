using Microsoft.EntityFrameworkCore;

namespace MemberCards.Data;

/// <summary>One issue's coupons issued and redeemed, the discount they gave and the revenue of the purchases that redeemed them.</summary>
public sealed record IssueFigures(int IssueId, int Issued, int Redeemed, long DiscountMinor, long RevenueMinor);

/// <summary>A group's size and what it spent in a period.</summary>
public sealed record GroupSpend(int Members, long SpendMinor);

/// <summary>The SQL behind campaign results, written once for SQLite and PostgreSQL (values as parameters {0}, {1} …).</summary>
public static class CouponSql
{
    /// <summary>Every issue's figures, or only those of <paramref name="issueId"/>.</summary>
    public static async Task<IReadOnlyList<IssueFigures>> IssueFiguresAsync(MemberCardsDb db, int? issueId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return issueId is { } id
            ? await db.Database.SqlQueryRaw<IssueFigures>(IssueFigures(oneIssue: true), id).ToListAsync(cancellationToken)
            : await db.Database.SqlQueryRaw<IssueFigures>(IssueFigures(oneIssue: false)).ToListAsync(cancellationToken);
    }

    /// <summary>The coupon group's (or the control group's) size and spend from <paramref name="fromUtc"/> to before <paramref name="toUtc"/>.</summary>
    public static async Task<GroupSpend> GroupSpendAsync(MemberCardsDb db, int issueId, bool control, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        object[] args = [issueId, UnixMilliseconds.From(fromUtc), UnixMilliseconds.From(toUtc)];
        return (await db.Database.SqlQueryRaw<GroupSpend>(GroupSpend(control), args).ToListAsync(cancellationToken)).Single();
    }

    /// <summary>New ids of <paramref name="table"/> no other transaction gets (<see cref="SqlDialect.TakeIds"/>).</summary>
    public static async Task<IReadOnlyList<long>> TakeIdsAsync(MemberCardsDb db, string table, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Database.SqlQueryRaw<long>(SqlDialect.Of(db.Database).TakeIds(table), count).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Per issue: coupons issued and redeemed, the discount they gave, and the revenue of the (non-void) purchases
    /// that redeemed them, each purchase counted once; every issue, or with <paramref name="oneIssue"/> the issue {0}.
    /// </summary>
    private static string IssueFigures(bool oneIssue) => $$"""
        SELECT c."IssueId" AS "IssueId", COUNT(*) AS "Issued",
            COALESCE(SUM(CASE WHEN c."State" = 'Redeemed' THEN 1 ELSE 0 END), 0) AS "Redeemed",
            COALESCE(SUM(CASE WHEN c."State" = 'Redeemed' THEN c."DiscountMinor" ELSE 0 END), 0) AS "DiscountMinor",
            COALESCE((SELECT SUM(p."TotalMinor") FROM "Purchases" p
                WHERE p."VoidedAt" IS NULL AND p."Id" IN (SELECT r."PurchaseId" FROM "Coupons" r WHERE r."IssueId" = c."IssueId" AND r."State" = 'Redeemed')), 0) AS "RevenueMinor"
        FROM "Coupons" c
        {{(oneIssue ? "WHERE c.\"IssueId\" = {0}" : "")}}
        GROUP BY c."IssueId"
        """;

    /// <summary>
    /// How many members a group holds and what they spent (non-void purchases) from {1} to before {2} (Unix ms):
    /// the coupon group (those issued a coupon by issue {0}) or, with <paramref name="control"/>, its control group.
    /// Each member's spend is read from the per-member purchase index.
    /// </summary>
    private static string GroupSpend(bool control) => $$"""
        SELECT COUNT(*) AS "Members", COALESCE(SUM(s."Spend"), 0) AS "SpendMinor"
        FROM (
            SELECT (SELECT COALESCE(SUM(p."TotalMinor"), 0) FROM "Purchases" p
                    WHERE p."MemberId" = g."MemberId" AND p."PurchasedAt" >= {1} AND p."PurchasedAt" < {2} AND p."VoidedAt" IS NULL) AS "Spend"
            FROM {{(control ? "\"CouponControlMembers\"" : "\"Coupons\"")}} g
            WHERE g."IssueId" = {0}) s
        """;
}
