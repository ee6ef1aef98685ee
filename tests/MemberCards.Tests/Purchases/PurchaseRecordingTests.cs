using MemberCards.Auditing;
using MemberCards.Purchases;
using MemberCards.Reports;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.Purchases;

/// <summary>Saving at the till: the idempotency key, when a purchase may be dated, and a save that fails half way.</summary>
public sealed class PurchaseRecordingTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private int _member;
    private int _latte;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _member = await _db.AddMemberAsync();
        _latte = await _db.AddProductAsync("Latte", 450);
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private PurchaseService Purchases => _db.Get<PurchaseService>();

    private NewPurchase Latte(int quantity = 1, DateTime? at = null, Guid? key = null) => new(_member, [new NewPurchaseLine(_latte, quantity)], at, key);

    [Fact]
    public async Task A_user_name_as_long_as_an_account_allows_is_kept_as_who_recorded_the_purchase()
    {
        // Identity allows 256 characters; PostgreSQL enforces the declared length where SQLite never did.
        var longName = new string('a', 251) + "@t.io";
        var result = await Purchases.RecordAsync(Latte(), TestUsers.For(longName, MemberCards.Accounts.Roles.Staff), CancellationToken.None);

        Assert.True(result.Succeeded);
        await using var db = _db.Open();
        Assert.Equal(longName, (await db.Purchases.SingleAsync()).RecordedBy);
    }

    [Fact]
    public async Task The_same_idempotency_key_twice_records_once_and_returns_the_first_purchase()
    {
        var key = Guid.NewGuid();
        var seen = new List<PurchaseEvent>();
        using var subscription = _db.Get<PurchaseFeed>().Subscribe(seen.Add);

        var first = await Purchases.RecordAsync(Latte(2, key: key), TestUsers.Staff, CancellationToken.None);
        var again = await Purchases.RecordAsync(Latte(2, key: key), TestUsers.Staff, CancellationToken.None);

        Assert.Equal(new RecordedPurchase(first.Value!.PurchaseId, 900), first.Value);
        Assert.Equal(new RecordedPurchase(first.Value.PurchaseId, 900, AlreadyRecorded: true), again.Value);
        Assert.Equal((1, 900L), await FiguresAsync());
        Assert.Single(seen);
        await using var db = _db.Open();
        Assert.Equal(1, await db.Purchases.CountAsync());
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.PurchaseRecorded));
    }

    [Fact]
    public async Task Concurrent_saves_with_one_key_record_one_purchase_and_all_get_it()
    {
        var key = Guid.NewGuid();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => _db.Get<PurchaseService>().RecordAsync(Latte(3, key: key), TestUsers.Staff, CancellationToken.None))));

        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.Single(results.Select(r => r.Value!.PurchaseId).Distinct());
        Assert.Single(results, r => !r.Value!.AlreadyRecorded);
        Assert.Equal((1, 1350L), await FiguresAsync());
    }

    [Fact]
    public async Task Different_keys_are_different_purchases()
    {
        await Purchases.RecordAsync(Latte(key: Guid.NewGuid()), TestUsers.Staff, CancellationToken.None);
        await Purchases.RecordAsync(Latte(key: Guid.NewGuid()), TestUsers.Staff, CancellationToken.None);

        Assert.Equal((2, 900L), await FiguresAsync());
    }

    [Fact]
    public async Task A_manager_may_backdate_within_the_window_and_the_figures_follow_the_given_time()
    {
        var threeDaysAgo = TestDatabase.DefaultNow.AddDays(-3);

        var result = await Purchases.RecordAsync(Latte(at: threeDaysAgo), TestUsers.Manager, CancellationToken.None);

        Assert.True(result.Succeeded);
        await using var db = _db.Open();
        Assert.Equal(threeDaysAgo, (await db.Members.SingleAsync(m => m.Id == _member)).LastPurchaseAt);
        Assert.Equal(threeDaysAgo, (await db.Purchases.SingleAsync()).PurchasedAt);
    }

    public static TheoryData<string, string, int, MessageCode> BadTimes => new()
    {
        { "staff, one hour ago", "staff", -60, MessageCode.PurchaseBackdateManagerOnly },
        { "staff, in the future", "staff", 5, MessageCode.PurchaseTimeInFuture },
        { "manager, in the future", "manager", 1, MessageCode.PurchaseTimeInFuture },
        { "manager, 7 days and a minute ago", "manager", -(7 * 24 * 60) - 1, MessageCode.PurchaseBackdateTooFar },
    };

    [Theory]
    [MemberData(nameof(BadTimes))]
    public async Task A_time_outside_what_the_role_may_use_is_refused_and_nothing_is_saved(string because, string role, int minutesFromNow, MessageCode message)
    {
        var user = role == "staff" ? TestUsers.Staff : TestUsers.Manager;

        var result = await Purchases.RecordAsync(Latte(at: TestDatabase.DefaultNow.AddMinutes(minutesFromNow)), user, CancellationToken.None);

        Assert.False(result.Succeeded, because);
        var error = Assert.Single(result.Errors);
        Assert.Equal("PurchasedAt", error.Field);
        Assert.Equal(message, error.Code);
        Assert.Equal((0, 0L), await FiguresAsync());
    }

    [Fact]
    public async Task A_save_that_fails_half_way_publishes_nothing_and_leaves_every_figure_as_it_was()
    {
        await _db.RecordAsync(_member, TestDatabase.DefaultNow.AddDays(-1), (_latte, 1));
        // The audit entry is written after the purchase and its lines: failing it fails the save in the middle.
        await _db.FailWritesAsync("fail_audit", "AuditEntries", "INSERT", "purchase.recorded");
        var seen = new List<PurchaseEvent>();
        using var subscription = _db.Get<PurchaseFeed>().Subscribe(seen.Add);

        await Assert.ThrowsAsync<DbUpdateException>(() => Purchases.RecordAsync(Latte(5, key: Guid.NewGuid()), TestUsers.Staff, CancellationToken.None));

        Assert.Empty(seen);
        Assert.Equal((1, 450L), await FiguresAsync());
        await using var check = _db.Open();
        Assert.Equal(1, await check.Purchases.CountAsync());
        Assert.Equal(1, await check.PurchaseLines.CountAsync());
        Assert.Equal(450, await check.RevenueBuckets.SumAsync(b => b.RevenueMinor));
        Assert.Equal(450, await check.ProductSalesDays.SumAsync(d => d.RevenueMinor));
        Assert.Empty(await _db.Get<FiguresCheck>().FindMismatchesAsync(TestUsers.Manager, CancellationToken.None));
    }

    private async Task<(int Count, long Spent)> FiguresAsync()
    {
        await using var db = _db.Open();
        var member = await db.Members.AsNoTracking().SingleAsync(m => m.Id == _member);
        return (member.PurchaseCount, member.TotalSpentMinor);
    }
}
