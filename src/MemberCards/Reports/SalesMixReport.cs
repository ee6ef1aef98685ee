using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Reports;

/// <summary>Sales of one product in a range, under the category it was sold in.</summary>
public sealed record ProductSales(int ProductId, string Product, string Category, long RevenueMinor, int Quantity);

public sealed record CategorySales(string Category, long RevenueMinor);

public sealed record MemberSpend(int MemberId, string Name, string CardNumber, long SpendMinor, int Purchases);

/// <summary>What sold and who bought it in a range of local days; non-void purchases only.</summary>
public sealed class SalesMixReport(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock)
{
    // Below this many purchases in the range, grouping them by member directly is cheap. Settable for tests.
    internal int DirectGroupingLimit { get; set; } = 40_000;

    internal int WalkBatch { get; set; } = 1_000;

    private sealed record ProductRow(int ProductId, string Product, string Category, long RevenueMinor, int Quantity);

    private sealed record SpendRow(int MemberId, long TotalSpentMinor, long SpendMinor, int Purchases);

    /// <summary>
    /// Every product sold in the range, most revenue first. Whole UTC days inside the range are read from
    /// <see cref="ProductSalesDay"/>; the partial UTC days at its two ends (local midnight is rarely UTC midnight)
    /// from the purchase lines.
    /// </summary>
    public async Task<IReadOnlyList<ProductSales>> ProductsAsync(DashboardRange range, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (from, to) = Bounds(range, user);
        var day = ProductSalesDay.WidthMs;
        var (firstWholeDay, lastWholeDayEnd) = ((from + day - 1) / day * day, to / day * day);
        var (headEnd, tailStart) = firstWholeDay < lastWholeDayEnd ? (firstWholeDay, lastWholeDayEnd) : (to, to);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Database.SqlQuery<ProductRow>($"""
            SELECT s."ProductId", p."Name" AS "Product", s."Category", SUM(s."RevenueMinor") AS "RevenueMinor", SUM(s."Quantity") AS "Quantity"
            FROM (
                SELECT "ProductId", "Category", "RevenueMinor", "Quantity" FROM "ProductSalesDays" WHERE "DayMs" >= {headEnd} AND "DayMs" < {tailStart}
                UNION ALL
                SELECT l."ProductId", l."Category", l."NetMinor", l."Quantity"
                FROM "Purchases" pu JOIN "PurchaseLines" l ON l."PurchaseId" = pu."Id"
                WHERE pu."PurchasedAt" >= {from} AND pu."PurchasedAt" < {headEnd} AND pu."VoidedAt" IS NULL
                UNION ALL
                SELECT l."ProductId", l."Category", l."NetMinor", l."Quantity"
                FROM "Purchases" pu JOIN "PurchaseLines" l ON l."PurchaseId" = pu."Id"
                WHERE pu."PurchasedAt" >= {tailStart} AND pu."PurchasedAt" < {to} AND pu."VoidedAt" IS NULL
            ) s JOIN "Products" p ON p."Id" = s."ProductId"
            GROUP BY s."ProductId", s."Category", p."Name"
            HAVING SUM(s."Quantity") > 0
            ORDER BY 4 DESC, 1
            """).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new ProductSales(r.ProductId, r.Product, r.Category, r.RevenueMinor, r.Quantity))];
    }

    /// <summary>Revenue per category (as sold), most first.</summary>
    public static IReadOnlyList<CategorySales> ByCategory(IReadOnlyList<ProductSales> products) =>
        [.. products.GroupBy(p => p.Category).Select(g => new CategorySales(g.Key, g.Sum(p => p.RevenueMinor)))
            .OrderByDescending(c => c.RevenueMinor).ThenBy(c => c.Category, StringComparer.Ordinal)];

    /// <summary>The best-selling products by revenue (a product sold under two categories counts once).</summary>
    public static IReadOnlyList<ProductSales> Top(IReadOnlyList<ProductSales> products, int limit) =>
        [.. products.GroupBy(p => p.ProductId)
            .Select(g => g.First() with { RevenueMinor = g.Sum(p => p.RevenueMinor), Quantity = g.Sum(p => p.Quantity) })
            .OrderByDescending(p => p.RevenueMinor).ThenBy(p => p.ProductId)
            .Take(limit)];

    /// <summary>
    /// The members who spent most in the range, ties by member id — the same ranking as the campaigns page's top
    /// spenders. Over a long range it walks members by their stored all-time spend, most first, summing each one's
    /// spend in the range from the member index, and stops once no member left can reach the ranking (spend in a
    /// range never exceeds spend in all time): a few thousand index lookups instead of grouping every purchase.
    /// </summary>
    public async Task<IReadOnlyList<MemberSpend>> TopMembersAsync(DashboardRange range, int limit, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var (from, to) = Bounds(range, user);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var purchases = await db.RevenueBuckets.Where(b => b.StartMs >= from && b.StartMs < to).SumAsync(b => b.Purchases, cancellationToken);
        var ranked = purchases <= DirectGroupingLimit
            ? await db.Database.SqlQuery<SpendRow>($"""
                SELECT "MemberId", 0 AS "TotalSpentMinor", SUM("TotalMinor") AS "SpendMinor", COUNT(*) AS "Purchases"
                FROM "Purchases" WHERE "PurchasedAt" >= {from} AND "PurchasedAt" < {to} AND "VoidedAt" IS NULL
                GROUP BY "MemberId" ORDER BY 3 DESC, 1 LIMIT {limit}
                """).ToListAsync(cancellationToken)
            : await WalkAsync(db, from, to, limit, cancellationToken);
        var ids = ranked.Select(r => r.MemberId).ToList();
        var members = await db.Members.Where(m => ids.Contains(m.Id))
            .Select(m => new { m.Id, m.Name, m.CardNumber })
            .ToDictionaryAsync(m => m.Id, m => (m.Name, m.CardNumber), cancellationToken);
        return [.. ranked.Select(r => new MemberSpend(r.MemberId, members[r.MemberId].Name, members[r.MemberId].CardNumber, r.SpendMinor, r.Purchases))];
    }

    private async Task<List<SpendRow>> WalkAsync(MemberCardsDb db, long from, long to, int limit, CancellationToken cancellationToken)
    {
        var best = new List<SpendRow>();
        var (lastTotal, lastId) = (long.MaxValue, int.MaxValue);
        while (true)
        {
            var batch = await db.Database.SqlQuery<SpendRow>($"""
                SELECT m."Id" AS "MemberId", m."TotalSpentMinor", COALESCE(SUM(p."TotalMinor"), 0) AS "SpendMinor", COUNT(p."Id") AS "Purchases"
                FROM (SELECT "Id", "TotalSpentMinor" FROM "Members"
                      WHERE "TotalSpentMinor" > 0 AND ("TotalSpentMinor", "Id") < ({lastTotal}, {lastId})
                      ORDER BY "TotalSpentMinor" DESC, "Id" DESC LIMIT {WalkBatch}) m
                LEFT JOIN "Purchases" p ON p."MemberId" = m."Id" AND p."PurchasedAt" >= {from} AND p."PurchasedAt" < {to} AND p."VoidedAt" IS NULL
                GROUP BY m."Id", m."TotalSpentMinor"
                """).ToListAsync(cancellationToken);
            best = [.. best.Concat(batch.Where(r => r.Purchases > 0)).OrderByDescending(r => r.SpendMinor).ThenBy(r => r.MemberId).Take(limit)];
            if (batch.Count < WalkBatch)
            {
                return best;
            }
            var last = batch.OrderBy(r => r.TotalSpentMinor).ThenBy(r => r.MemberId).First();
            (lastTotal, lastId) = (last.TotalSpentMinor, last.MemberId);
            if (best.Count == limit && lastTotal < best[^1].SpendMinor)
            {
                return best;
            }
        }
    }

    private (long From, long To) Bounds(DashboardRange range, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(range);
        Access.Require(user, Roles.Dashboard);
        return (UnixMilliseconds.From(clock.StartOfDayUtc(range.From)), UnixMilliseconds.From(clock.StartOfDayUtc(range.ToExclusive)));
    }
}
