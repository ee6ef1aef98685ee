using MemberCards.Purchases;
using MemberCards.Reports;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.Purchases;

/// <summary>The figures check is clean after every path that writes purchases, and finds each kind of tampered figure.</summary>
public sealed class FiguresCheckTests : IAsyncLifetime
{
    private static readonly DateTime Monday = new(2026, 3, 16, 14, 0, 0, DateTimeKind.Utc);
    private TestDatabase _db = null!;
    private int _ada;
    private int _grace;
    private int _latte;
    private int _cake;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _ada = await _db.AddMemberAsync("Ada Lovelace");
        _grace = await _db.AddMemberAsync("Grace Hopper");
        _latte = await _db.AddProductAsync("Latte", 450);
        _cake = await _db.AddProductAsync("Cake", 600, "Bakery");
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private Task<IReadOnlyList<FigureMismatch>> CheckAsync() => _db.Get<FiguresCheck>().FindMismatchesAsync(TestUsers.Manager, CancellationToken.None);

    [Fact]
    public async Task The_check_is_clean_after_records_voids_concurrent_records_a_bulk_load_and_a_failed_save()
    {
        var voided = await _db.RecordAsync(_ada, Monday, (_latte, 2), (_cake, 1));
        await _db.RecordAsync(_ada, Monday.AddDays(1), (_latte, 1));
        Assert.Empty(await CheckAsync());

        await _db.Get<PurchaseService>().VoidAsync(voided, "Wrong card", TestUsers.Manager, CancellationToken.None);
        Assert.Empty(await CheckAsync());

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => _db.Get<PurchaseService>().RecordAsync(
            new NewPurchase(i % 2 == 0 ? _ada : _grace, [new NewPurchaseLine(_latte, i + 1), new NewPurchaseLine(_cake, 1)]), TestUsers.Staff, CancellationToken.None))));
        Assert.All(concurrent, r => Assert.True(r.Succeeded));
        Assert.Empty(await CheckAsync());

        var loaded = await _db.Get<PurchaseImport>().LoadAsync(
            [.. Enumerable.Range(0, 300).Select(i => new ImportedPurchase(i % 3 == 0 ? _grace : _ada, Monday.AddMinutes(-7 * i), "import", [new NewPurchaseLine(_cake, 1 + i % 4), new NewPurchaseLine(_latte, 1)]))],
            TestUsers.Manager, CancellationToken.None);
        Assert.True(loaded.Succeeded);
        Assert.Empty(await CheckAsync());

        await _db.FailWritesAsync("fail_figures", "Members", "UPDATE");
        await Assert.ThrowsAnyAsync<Exception>(() => _db.Get<PurchaseService>().RecordAsync(new NewPurchase(_grace, [new NewPurchaseLine(_cake, 9)]), TestUsers.Staff, CancellationToken.None));
        Assert.Empty(await CheckAsync());
    }

    [Fact]
    public async Task The_check_finds_a_tampered_bucket_product_day_member_and_line()
    {
        var first = await _db.RecordAsync(_ada, Monday, (_latte, 1));
        await _db.RecordAsync(_grace, Monday.AddHours(3), (_cake, 1));
        Assert.Empty(await CheckAsync());

        await using (var db = _db.Open())
        {
            await db.Members.Where(m => m.Id == _grace).ExecuteUpdateAsync(s => s.SetProperty(m => m.TotalSpentMinor, 99_999));
            await db.RevenueBuckets.Where(b => b.StartMs == RevenueBucket.StartOf(Monday)).ExecuteUpdateAsync(s => s.SetProperty(b => b.Purchases, 5));
            await db.ProductSalesDays.Where(d => d.ProductId == _cake).ExecuteUpdateAsync(s => s.SetProperty(d => d.Quantity, 2));
            // A line whose net no longer adds up to its purchase's total (and its product's day).
            await db.PurchaseLines.Where(l => l.PurchaseId == first).ExecuteUpdateAsync(s => s.SetProperty(l => l.NetMinor, 1));
        }

        var day = MemberCards.Data.UnixMilliseconds.From(Monday.Date);
        Assert.Equal(
        [
            new FigureMismatch(Figure.PurchaseTotal, $"{first}", 450, 1),
            new FigureMismatch(Figure.MemberSpend, $"{_grace}", 99_999, 600),
            new FigureMismatch(Figure.BucketPurchases, $"{RevenueBucket.StartOf(Monday)}", 5, 1),
            new FigureMismatch(Figure.ProductDayRevenue, $"{day}/{_latte}/Coffee", 450, 1),
            new FigureMismatch(Figure.ProductDayQuantity, $"{day}/{_cake}/Bakery", 2, 1),
        ], await CheckAsync());
    }

    [Fact]
    public async Task The_bulk_and_single_paths_give_identical_derived_figures_for_the_same_purchases()
    {
        await using var other = await TestDatabase.CreateAsync();
        int[] members = [await other.AddMemberAsync("Ada Lovelace"), await other.AddMemberAsync("Grace Hopper")];
        Assert.Equal([_ada, _grace], members);
        Assert.Equal([_latte, _cake], [await other.AddProductAsync("Latte", 450), await other.AddProductAsync("Cake", 600, "Bakery")]);
        var random = new Random(5);
        var purchases = Enumerable.Range(0, 40)
            .Select(i => new ImportedPurchase(random.Next(2) == 0 ? _ada : _grace, Monday.AddMinutes(-random.Next(0, 3 * 24 * 60)), "staff@test",
                [new NewPurchaseLine(_latte, random.Next(1, 4)), new NewPurchaseLine(_cake, random.Next(1, 3), random.Next(2) == 0 ? null : 550)]))
            .OrderBy(p => p.PurchasedAt).ToList();

        foreach (var p in purchases)
        {
            // At the till, as staff, at the purchase's own time (staff record "now").
            _db.Clock.UtcNow = p.PurchasedAt;
            Assert.True((await _db.Get<PurchaseService>().RecordAsync(new NewPurchase(p.MemberId, p.Lines), TestUsers.Staff, CancellationToken.None)).Succeeded);
        }
        _db.Clock.UtcNow = TestDatabase.DefaultNow;
        Assert.True((await other.Get<PurchaseImport>().LoadAsync(purchases, TestUsers.Manager, CancellationToken.None)).Succeeded);

        Assert.Equal(await DerivedAsync(_db), await DerivedAsync(other));
        Assert.Empty(await CheckAsync());
    }

    private static async Task<string> DerivedAsync(TestDatabase database)
    {
        await using var db = database.Open();
        var members = await db.Members.OrderBy(m => m.Id).Select(m => new { m.Id, m.PurchaseCount, m.TotalSpentMinor, m.LastPurchaseAt }).ToListAsync();
        var buckets = await db.RevenueBuckets.OrderBy(b => b.StartMs).Select(b => new { b.StartMs, b.RevenueMinor, b.Purchases }).ToListAsync();
        var days = await db.ProductSalesDays.OrderBy(d => d.DayMs).ThenBy(d => d.ProductId)
            .Select(d => new { d.DayMs, d.ProductId, d.Category, d.RevenueMinor, d.Quantity }).ToListAsync();
        var lines = await db.PurchaseLines.OrderBy(l => l.Id).Select(l => new { l.PurchaseId, l.ProductId, l.Quantity, l.UnitPriceMinor, l.NetMinor }).ToListAsync();
        Assert.NotEmpty(days);
        return System.Text.Json.JsonSerializer.Serialize(new { members, buckets, days, lines });
    }
}
