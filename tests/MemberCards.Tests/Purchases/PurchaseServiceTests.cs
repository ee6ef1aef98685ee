using MemberCards.Members;
using MemberCards.Purchases;
using MemberCards.Reports;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.Purchases;

public sealed class PurchaseServiceTests : IAsyncLifetime
{
    private static readonly DateTime Monday = new(2026, 3, 16, 14, 0, 0, DateTimeKind.Utc);
    private TestDatabase _db = null!;
    private int _member;
    private int _latte;
    private int _bagel;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _member = await _db.AddMemberAsync();
        _latte = await _db.AddProductAsync("Latte", 450);
        _bagel = await _db.AddProductAsync("Bagel", 325, "Bakery");
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private PurchaseService Purchases => _db.Get<PurchaseService>();

    [Fact]
    public async Task Spend_is_quantity_times_unit_price_over_non_void_lines_and_count_is_receipts()
    {
        await _db.RecordAsync(_member, Monday, (_latte, 2), (_bagel, 1));            // 2×4.50 + 3.25 = 12.25
        var voided = await _db.RecordAsync(_member, Monday.AddDays(1), (_latte, 3)); // 13.50, voided below
        await _db.RecordAsync(_member, Monday.AddDays(2), (_bagel, 4));             // 13.00

        var result = await Purchases.VoidAsync(voided, "Entered twice", TestUsers.Manager, CancellationToken.None);

        Assert.True(result.Succeeded);
        var member = await Figures(_member);
        Assert.Equal(2, member.PurchaseCount);
        Assert.Equal(1225 + 1300, member.TotalSpentMinor);
        Assert.Equal(Monday.AddDays(2), member.LastPurchaseAt);
        var days = await _db.Get<SpendReport>().RevenueByDayAsync(new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 1), TestUsers.Manager, CancellationToken.None);
        Assert.Equal(1225 + 1300, days.Sum(d => d.RevenueMinor));
        Assert.Equal(2, days.Sum(d => d.Purchases));
    }

    [Fact]
    public async Task Voiding_the_latest_purchase_moves_last_purchase_back()
    {
        await _db.RecordAsync(_member, Monday, (_latte, 1));
        var latest = await _db.RecordAsync(_member, Monday.AddDays(5), (_latte, 1));

        await Purchases.VoidAsync(latest, "Wrong member card", TestUsers.Manager, CancellationToken.None);

        var member = await Figures(_member);
        Assert.Equal(Monday, member.LastPurchaseAt);
        await using var db = _db.Open();
        var kept = await db.Purchases.SingleAsync(p => p.Id == latest);
        Assert.Equal("Wrong member card", kept.VoidReason);
        Assert.Equal("manager@test", kept.VoidedBy);
        Assert.Equal(TestDatabase.DefaultNow, kept.VoidedAt);
    }

    [Fact]
    public async Task A_purchase_keeps_the_name_and_price_it_was_sold_at()
    {
        var id = await _db.RecordAsync(_member, Monday, (_latte, 1));
        await using (var db = _db.Open())
        {
            await db.Products.Where(p => p.Id == _latte).ExecuteUpdateAsync(s => s.SetProperty(p => p.UnitPriceMinor, 999).SetProperty(p => p.Name, "Big Latte"));
        }

        await using var check = _db.Open();
        var line = await check.PurchaseLines.SingleAsync(l => l.PurchaseId == id);
        Assert.Equal(("Latte", 450L), (line.ProductName, line.UnitPriceMinor));
    }

    [Fact]
    public async Task Voiding_twice_or_without_a_reason_is_refused_and_changes_nothing()
    {
        var id = await _db.RecordAsync(_member, Monday, (_latte, 1));

        var noReason = await Purchases.VoidAsync(id, "  ", TestUsers.Manager, CancellationToken.None);
        Assert.Equal("Reason", Assert.Single(noReason.Errors).Field);
        Assert.Equal(450, (await Figures(_member)).TotalSpentMinor);

        await Purchases.VoidAsync(id, "Mistake", TestUsers.Manager, CancellationToken.None);
        var again = await Purchases.VoidAsync(id, "Mistake", TestUsers.Manager, CancellationToken.None);
        Assert.Equal(MessageCode.PurchaseAlreadyVoided, Assert.Single(again.Errors).Code);
        Assert.Equal(0, (await Figures(_member)).PurchaseCount);
    }

    [Fact]
    public async Task Two_managers_voiding_the_same_purchase_at_once_take_it_off_the_figures_once()
    {
        await _db.RecordAsync(_member, Monday, (_latte, 1));
        var id = await _db.RecordAsync(_member, Monday.AddDays(1), (_latte, 2));

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            Task.Run(() => _db.Get<PurchaseService>().VoidAsync(id, "Mistake", TestUsers.For($"manager{i}@test", MemberCards.Accounts.Roles.Manager), CancellationToken.None))));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(MessageCode.PurchaseAlreadyVoided, Assert.Single(r.Errors).Code));
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.StartsWith("manager", (string)r.Errors[0].Args[0]!, StringComparison.Ordinal));
        var member = await Figures(_member);
        Assert.Equal((1, 450L, Monday), (member.PurchaseCount, member.TotalSpentMinor, member.LastPurchaseAt));
        Assert.Empty(await _db.Get<FiguresCheck>().FindMismatchesAsync(TestUsers.Manager, CancellationToken.None));
    }

    public static TheoryData<string, int, long?, MessageCode> BadLines => new()
    {
        { "quantity zero", 0, null, MessageCode.QuantityOutOfRange },
        { "quantity too large", 10_000, null, MessageCode.QuantityOutOfRange },
        { "negative price", 1, -1, MessageCode.PriceNegative },
        { "price above the ceiling", 1, 100_001, MessageCode.PriceTooHigh },
    };

    [Theory]
    [MemberData(nameof(BadLines))]
    public async Task A_bad_line_is_refused_with_what_to_change_and_nothing_is_saved(string because, int quantity, long? price, MessageCode message)
    {
        var result = await Purchases.RecordAsync(new NewPurchase(_member, [new NewPurchaseLine(_bagel, 1), new NewPurchaseLine(_latte, quantity, price)]), TestUsers.Staff, CancellationToken.None);

        Assert.False(result.Succeeded, because);
        var error = Assert.Single(result.Errors);
        Assert.Equal(message, error.Code);
        Assert.StartsWith("Lines[1].", error.Field, StringComparison.Ordinal);
        await AssertNothingSaved();
    }

    [Fact]
    public async Task A_price_at_the_ceiling_is_accepted()
    {
        var result = await Purchases.RecordAsync(new NewPurchase(_member, [new NewPurchaseLine(_latte, 1, 100_000)]), TestUsers.Staff, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal(100_000, (await Figures(_member)).TotalSpentMinor);
    }

    [Fact]
    public async Task An_empty_basket_an_inactive_product_and_a_frozen_or_closed_card_are_refused()
    {
        var retired = await _db.AddProductAsync("Retired Muffin", 300, active: false);
        var frozen = await _db.AddMemberAsync("Frozen Member");
        var closed = await _db.AddMemberAsync("Closed Member");
        await using (var db = _db.Open())
        {
            await db.Members.Where(m => m.Id == frozen).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MemberStatus.Frozen));
            await db.Members.Where(m => m.Id == closed).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MemberStatus.Closed));
        }

        var empty = await Purchases.RecordAsync(new NewPurchase(_member, []), TestUsers.Staff, CancellationToken.None);
        var inactive = await Purchases.RecordAsync(new NewPurchase(_member, [new NewPurchaseLine(retired, 1)]), TestUsers.Staff, CancellationToken.None);
        var onFrozen = await Purchases.RecordAsync(new NewPurchase(frozen, [new NewPurchaseLine(_latte, 1)]), TestUsers.Staff, CancellationToken.None);
        var onClosed = await Purchases.RecordAsync(new NewPurchase(closed, [new NewPurchaseLine(_latte, 1)]), TestUsers.Manager, CancellationToken.None);

        Assert.Equal(new FieldError("Lines", MessageCode.BasketEmpty), Assert.Single(empty.Errors));
        Assert.Equal(new FieldError("Lines[0].ProductId", MessageCode.ProductNotSold, "Retired Muffin"), Assert.Single(inactive.Errors));
        Assert.Equal(new FieldError("MemberId", MessageCode.PurchaseCardFrozen), Assert.Single(onFrozen.Errors));
        Assert.Equal(new FieldError("MemberId", MessageCode.PurchaseCardClosed), Assert.Single(onClosed.Errors));
        await AssertNothingSaved();
    }

    [Fact]
    public async Task The_bulk_import_gives_the_same_figures_as_recording_one_by_one()
    {
        var other = await _db.AddMemberAsync("Bulk Member");
        var seen = new List<PurchaseEvent>();
        using var subscription = _db.Get<PurchaseFeed>().Subscribe(seen.Add);
        var imported = await _db.Get<PurchaseImport>().LoadAsync(
        [
            new ImportedPurchase(other, Monday, "import", [new NewPurchaseLine(_latte, 2), new NewPurchaseLine(_bagel, 1)]),
            new ImportedPurchase(other, Monday.AddDays(2), "import", [new NewPurchaseLine(_bagel, 4)]),
        ], TestUsers.Manager, CancellationToken.None);
        await _db.RecordAsync(_member, Monday, (_latte, 2), (_bagel, 1));
        await _db.RecordAsync(_member, Monday.AddDays(2), (_bagel, 4));

        Assert.Equal(2, imported.Value);
        // One event and one audit entry for the whole load.
        Assert.Equal(PurchaseChange.Loaded, seen[0].Change);
        Assert.Equal(1225 + 1300, seen[0].TotalMinor);
        await using (var db = _db.Open())
        {
            Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == MemberCards.Auditing.AuditActions.PurchasesLoaded && e.UserName == "manager@test"));
        }
        var bulk = await Figures(other);
        var single = await Figures(_member);
        Assert.Equal((single.PurchaseCount, single.TotalSpentMinor, single.LastPurchaseAt), (bulk.PurchaseCount, bulk.TotalSpentMinor, bulk.LastPurchaseAt));
    }

    [Fact]
    public async Task A_bulk_import_with_one_bad_purchase_saves_none_of_them()
    {
        var result = await _db.Get<PurchaseImport>().LoadAsync(
        [
            new ImportedPurchase(_member, Monday, "import", [new NewPurchaseLine(_latte, 1)]),
            new ImportedPurchase(_member, Monday, "import", [new NewPurchaseLine(_latte, 0)]),
        ], TestUsers.Manager, CancellationToken.None);

        Assert.Equal((MessageCode.InPurchase, 2), (Assert.Single(result.Errors).Code, result.Errors[0].Args[0]));
        await AssertNothingSaved();
    }

    [Fact]
    public async Task A_large_import_rebuilds_the_indexes_and_a_failed_one_keeps_them()
    {
        var before = await IndexSql();
        var many = Enumerable.Range(0, 20_000).Select(i => new ImportedPurchase(_member, Monday.AddMinutes(-i), "import", [new NewPurchaseLine(_latte, 1)])).ToList();

        var failed = await _db.Get<PurchaseImport>().LoadAsync([.. many, new ImportedPurchase(_member, Monday, "import", [new NewPurchaseLine(999, 1)])], TestUsers.Manager, CancellationToken.None);
        Assert.False(failed.Succeeded);
        Assert.Equal(before, await IndexSql());
        await AssertNothingSaved();

        var loaded = await _db.Get<PurchaseImport>().LoadAsync(many, TestUsers.Manager, CancellationToken.None);
        Assert.Equal(20_000, loaded.Value);
        Assert.Equal(before, await IndexSql());
        Assert.Equal((20_000, 20_000 * 450L), ((await Figures(_member)).PurchaseCount, (await Figures(_member)).TotalSpentMinor));
        if (TestProvider.Current == MemberCards.Data.DatabaseProvider.Sqlite)
        {
            // SQLite's load switches foreign key checks off for its connection: they must be back on.
            await using var db = _db.Open();
            Assert.Equal(1L, await db.Database.SqlQueryRaw<long>("SELECT foreign_keys AS Value FROM pragma_foreign_keys").SingleAsync());
        }
    }

    private Task<List<string>> IndexSql() => _db.IndexDefinitionsAsync();

    private async Task<Member> Figures(int memberId)
    {
        await using var db = _db.Open();
        return await db.Members.AsNoTracking().SingleAsync(m => m.Id == memberId);
    }

    private async Task AssertNothingSaved()
    {
        await using var db = _db.Open();
        Assert.Empty(db.Purchases);
        Assert.Empty(db.PurchaseLines);
        Assert.Equal(0, (await Figures(_member)).PurchaseCount);
    }
}
