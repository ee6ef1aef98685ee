using MemberCards.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.Data;

public sealed class DemoDataTests
{
    private static readonly DemoDataOptions Small = new() { Members = 150, Purchases = 2_500, Seed = 7 };

    private sealed record Totals(int Members, int Products, int Purchases, int Voids, long Spend, int Lines, string FirstCard);

    [Fact]
    public async Task The_same_seed_and_clock_give_the_same_data()
    {
        var first = await GenerateAsync(Small);
        var second = await GenerateAsync(Small);
        var otherSeed = await GenerateAsync(new DemoDataOptions { Members = 150, Purchases = 2_500, Seed = 8 });

        Assert.Equal(first, second);
        Assert.NotEqual(first.Spend, otherSeed.Spend);
        Assert.Equal((150, 40, 2_500), (first.Members, first.Products, first.Purchases));
        Assert.InRange(first.Voids, 1, 100);
    }

    [Fact]
    public async Task Stored_member_figures_equal_figures_recomputed_from_purchases()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Get<DemoData>().GenerateAsync(Small, CancellationToken.None);
        await using var context = db.Open();

        var recomputed = await context.Purchases.Where(p => p.VoidedAt == null)
            .GroupBy(p => p.MemberId)
            .Select(g => new { MemberId = g.Key, Count = g.Count(), Spend = g.Sum(p => p.TotalMinor), Last = g.Max(p => p.PurchasedAt) })
            .ToDictionaryAsync(g => g.MemberId);
        var lineTotals = await context.PurchaseLines.SumAsync(l => l.UnitPriceMinor * l.Quantity);
        var purchaseTotals = await context.Purchases.SumAsync(p => p.TotalMinor);
        var members = await context.Members.AsNoTracking().ToListAsync();

        Assert.Equal(lineTotals, purchaseTotals);
        Assert.All(members, m =>
        {
            var expected = recomputed.GetValueOrDefault(m.Id);
            Assert.Equal(expected?.Count ?? 0, m.PurchaseCount);
            Assert.Equal(expected?.Spend ?? 0, m.TotalSpentMinor);
            Assert.Equal(expected?.Last, m.LastPurchaseAt);
        });
    }

    [Fact]
    public async Task Revenue_buckets_equal_the_non_void_purchases_grouped_by_quarter_hour()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Get<DemoData>().GenerateAsync(Small, CancellationToken.None);
        await using var context = db.Open();

        var fromPurchases = await context.Database.SqlQueryRaw<BucketRow>(
            "SELECT \"PurchasedAt\" / 900000 * 900000 AS \"StartMs\", SUM(\"TotalMinor\") AS \"RevenueMinor\", COUNT(*) AS \"Purchases\" FROM \"Purchases\" WHERE \"VoidedAt\" IS NULL GROUP BY 1 ORDER BY 1")
            .ToListAsync();
        var stored = await context.RevenueBuckets.Where(b => b.Purchases != 0).OrderBy(b => b.StartMs)
            .Select(b => new BucketRow(b.StartMs, b.RevenueMinor, b.Purchases)).ToListAsync();

        Assert.NotEmpty(stored);
        Assert.Equal(fromPurchases, stored);
        Assert.False(await context.RevenueBuckets.AnyAsync(b => b.Purchases == 0 && b.RevenueMinor != 0));
    }

    private sealed record BucketRow(long StartMs, long RevenueMinor, int Purchases);

    [Fact]
    public async Task A_fill_that_fails_at_the_end_leaves_an_empty_database_that_fills_again()
    {
        await using var db = await TestDatabase.CreateAsync();
        // The load's audit entry comes after the catalog, members and purchases: failing it fails the fill late.
        await db.FailWritesAsync("fail_load", "AuditEntries", "INSERT", "purchases.loaded");

        await Assert.ThrowsAnyAsync<Exception>(() => db.Get<DemoData>().GenerateAsync(Small, CancellationToken.None));

        Assert.True(await db.Get<DemoData>().IsEmptyAsync(CancellationToken.None));
        await using (var context = db.Open())
        {
            Assert.Equal(0, await context.Purchases.CountAsync() + await context.Members.CountAsync() + await context.Products.CountAsync());
        }
        await db.StopFailingAsync("fail_load", "AuditEntries");
        await db.Get<DemoData>().GenerateAsync(Small, CancellationToken.None);
        Assert.Empty(await db.Get<MemberCards.Purchases.FiguresCheck>().FindMismatchesAsync(TestUsers.Manager, CancellationToken.None));
    }

    [Fact]
    public async Task Demo_purchases_fall_after_the_member_joined_and_before_now()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Get<DemoData>().GenerateAsync(Small, CancellationToken.None);
        await using var context = db.Open();

        Assert.False(await context.Purchases.AnyAsync(p => p.PurchasedAt < p.Member!.JoinedAt || p.PurchasedAt > TestDatabase.DefaultNow));
        var heaviest = await context.Members.MaxAsync(m => m.TotalSpentMinor);
        var median = (await context.Members.OrderBy(m => m.TotalSpentMinor).Select(m => m.TotalSpentMinor).ToListAsync())[75];
        Assert.True(heaviest > 5 * median, "a few heavy spenders stand out");
    }

    private static async Task<Totals> GenerateAsync(DemoDataOptions options)
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Get<DemoData>().GenerateAsync(options, CancellationToken.None);
        await using var context = db.Open();
        return new Totals(
            await context.Members.CountAsync(),
            await context.Products.CountAsync(),
            await context.Purchases.CountAsync(),
            await context.Purchases.CountAsync(p => p.VoidedAt != null),
            await context.Members.SumAsync(m => m.TotalSpentMinor),
            await context.PurchaseLines.CountAsync(),
            await context.Members.OrderBy(m => m.Id).Select(m => m.CardNumber).FirstAsync());
    }
}
