using MemberCards.Data;
using MemberCards.Purchases;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.Reports;

public sealed class ProductSalesDayTests
{
    private sealed record DayRow(long DayMs, int ProductId, string Category, long RevenueMinor, int Quantity);

    private static Task<List<DayRow>> FromLinesAsync(MemberCardsDb context) => context.Database.SqlQueryRaw<DayRow>("""
        SELECT p."PurchasedAt" / 86400000 * 86400000 AS "DayMs", l."ProductId", l."Category", SUM(l."NetMinor") AS "RevenueMinor", SUM(l."Quantity") AS "Quantity"
        FROM "PurchaseLines" l JOIN "Purchases" p ON p."Id" = l."PurchaseId" WHERE p."VoidedAt" IS NULL
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        """).ToListAsync();

    private static Task<List<DayRow>> StoredAsync(MemberCardsDb context) => context.ProductSalesDays
        .Where(d => d.Quantity != 0).OrderBy(d => d.DayMs).ThenBy(d => d.ProductId).ThenBy(d => d.Category)
        .Select(d => new DayRow(d.DayMs, d.ProductId, d.Category, d.RevenueMinor, d.Quantity)).ToListAsync();

    [Fact]
    public async Task Daily_product_sums_equal_the_lines_after_a_bulk_load_voids_and_single_purchases()
    {
        await using var db = await TestDatabase.CreateAsync();
        // Past the bulk path's large-load size, so its indexes are dropped and put back too.
        await db.Get<DemoData>().GenerateAsync(new DemoDataOptions { Members = 300, Purchases = 21_000, Seed = 7 }, CancellationToken.None);
        await using var context = db.Open();
        var member = await context.Members.Where(m => m.Status == global::MemberCards.Members.MemberStatus.Active).Select(m => m.Id).FirstAsync();
        var product = await context.Products.Where(p => p.IsActive).Select(p => p.Id).FirstAsync();

        var recorded = await db.RecordAsync(member, TestDatabase.DefaultNow, (product, 3));
        await db.RecordAsync(member, TestDatabase.DefaultNow.AddDays(-400), (product, 1));
        await db.Get<PurchaseService>().VoidAsync(recorded, "Test", TestUsers.Manager, CancellationToken.None);

        var stored = await StoredAsync(context);
        Assert.NotEmpty(stored);
        Assert.Equal(await FromLinesAsync(context), stored);
        // Nothing derived is kept outside the posting any more.
        Assert.Equal(0, await db.TriggerCountAsync());
    }
}
