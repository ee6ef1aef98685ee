using MemberCards.Recommendations;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Data;

/// <summary>
/// The counts behind the recommendation statistics, grouped in SQL (the same text on SQLite and PostgreSQL): baskets,
/// baskets and members per product, and per pair of products the baskets holding both and the members who bought both.
/// Reads only, so a build never holds the write lock a purchase needs. {0} and {1} are the period's Unix milliseconds.
/// </summary>
public static class RecommendationSql
{
    private const string Counted = """
        FROM "PurchaseLines" l JOIN "Purchases" p ON p."Id" = l."PurchaseId"
        WHERE p."VoidedAt" IS NULL AND p."PurchasedAt" >= {0} AND p."PurchasedAt" < {1}
        """;

    private sealed record Count(long Value);

    private sealed record ProductRow(int ProductId, long Baskets, long Members);

    private sealed record PairRow(int ProductId, int OtherProductId, long Baskets, long Members);

    public static async Task<int> BasketsAsync(MemberCardsDb db, long fromMs, long toMs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Database.SqlQueryRaw<Count>(
            """SELECT COUNT(*) AS "Value" FROM "Purchases" WHERE "VoidedAt" IS NULL AND "PurchasedAt" >= {0} AND "PurchasedAt" < {1}""",
            fromMs, toMs).ToListAsync(cancellationToken);
        return (int)rows[0].Value;
    }

    public static async Task<List<ProductCount>> ProductsAsync(MemberCardsDb db, long fromMs, long toMs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Database.SqlQueryRaw<ProductRow>(
            $"""
            SELECT l."ProductId" AS "ProductId", COUNT(DISTINCT l."PurchaseId") AS "Baskets", COUNT(DISTINCT p."MemberId") AS "Members"
            {Counted}
            GROUP BY l."ProductId"
            """, fromMs, toMs).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new ProductCount(r.ProductId, r.Baskets, r.Members))];
    }

    /// <summary>Every pair of products some member bought both of; the baskets holding both are 0 when no basket did.</summary>
    public static async Task<List<PairCount>> PairsAsync(MemberCardsDb db, long fromMs, long toMs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Database.SqlQueryRaw<PairRow>(
            $"""
            WITH "Lines" AS MATERIALIZED (
                SELECT DISTINCT l."PurchaseId", l."ProductId", p."MemberId" {Counted}),
            "Owned" AS MATERIALIZED (SELECT DISTINCT "MemberId", "ProductId" FROM "Lines"),
            "Together" AS (
                SELECT a."ProductId", b."ProductId" AS "OtherProductId", COUNT(*) AS "Baskets"
                FROM "Lines" a JOIN "Lines" b ON b."PurchaseId" = a."PurchaseId" AND b."ProductId" <> a."ProductId"
                GROUP BY a."ProductId", b."ProductId"),
            "Shared" AS (
                SELECT a."ProductId", b."ProductId" AS "OtherProductId", COUNT(*) AS "Members"
                FROM "Owned" a JOIN "Owned" b ON b."MemberId" = a."MemberId" AND b."ProductId" <> a."ProductId"
                GROUP BY a."ProductId", b."ProductId")
            SELECT s."ProductId" AS "ProductId", s."OtherProductId" AS "OtherProductId", COALESCE(t."Baskets", 0) AS "Baskets", s."Members" AS "Members"
            FROM "Shared" s LEFT JOIN "Together" t ON t."ProductId" = s."ProductId" AND t."OtherProductId" = s."OtherProductId"
            """, fromMs, toMs).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new PairCount(r.ProductId, r.OtherProductId, r.Baskets, r.Members))];
    }
}
