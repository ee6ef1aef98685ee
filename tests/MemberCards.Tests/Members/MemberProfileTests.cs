using MemberCards.Auditing;
using MemberCards.Members;
using MemberCards.Purchases;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.Members;

public sealed class MemberProfileTests : IAsyncLifetime
{
    // 2026-03-20 15:00 UTC = 11:00 in New York (EDT since March 8).
    private TestDatabase _db = null!;
    private int _ada;
    private int _latte;
    private int _cake;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _ada = await _db.AddMemberAsync("Ada Lovelace");
        _latte = await _db.AddProductAsync("Latte", 450);
        _cake = await _db.AddProductAsync("Cake", 600, "Bakery");
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private MemberProfile Profile => _db.Get<MemberProfile>();

    [Fact]
    public async Task Figures_average_basket_first_purchase_and_favourite_category_ignore_voids()
    {
        var first = new DateTime(2026, 1, 5, 15, 0, 0, DateTimeKind.Utc);
        await _db.RecordAsync(_ada, first, (_latte, 1));                         // 4.50 Coffee
        await _db.RecordAsync(_ada, first.AddDays(10), (_cake, 1), (_latte, 1)); // 10.50: Bakery 6.00, Coffee 4.50
        var voided = await _db.RecordAsync(_ada, first.AddDays(-30), (_cake, 5));
        await _db.Get<PurchaseService>().VoidAsync(voided, "Wrong card", TestUsers.Manager, CancellationToken.None);

        var details = await Profile.GetAsync(_ada, TestUsers.Staff, CancellationToken.None);

        Assert.Equal((2, 1500L, 750L), (details!.Member.PurchaseCount, details.Member.TotalSpentMinor, details.AverageBasketMinor));
        Assert.Equal(first, details.FirstPurchaseAt);
        Assert.Equal("Coffee", details.FavouriteCategory); // 9.00 of coffee against 6.00 of cake; the voided cakes don't count
    }

    [Fact]
    public async Task A_member_without_purchases_has_empty_figures_and_their_first_card()
    {
        var details = await Profile.GetAsync(_ada, TestUsers.Staff, CancellationToken.None);

        Assert.Equal((0L, null, null), (details!.AverageBasketMinor, details.FirstPurchaseAt, details.FavouriteCategory));
        Assert.Equal(details.Member.CardNumber, Assert.Single(details.Cards).CardNumber);
        Assert.Null(await Profile.GetAsync(999, TestUsers.Staff, CancellationToken.None));
    }

    [Fact]
    public async Task Spend_by_month_follows_the_store_time_zone_and_leaves_voids_out()
    {
        // 2026-03-01 03:30 UTC is still February 28, 22:30 in New York.
        await _db.RecordAsync(_ada, new DateTime(2026, 3, 1, 3, 30, 0, DateTimeKind.Utc), (_latte, 2));
        await _db.RecordAsync(_ada, new DateTime(2026, 3, 10, 16, 0, 0, DateTimeKind.Utc), (_cake, 1));
        var voided = await _db.RecordAsync(_ada, new DateTime(2026, 3, 11, 16, 0, 0, DateTimeKind.Utc), (_cake, 3));
        await _db.Get<PurchaseService>().VoidAsync(voided, "Test", TestUsers.Manager, CancellationToken.None);

        var months = await Profile.SpendByMonthAsync(_ada, 3, TestUsers.Staff, CancellationToken.None);

        Assert.Equal([new MonthSpend(new(2026, 1, 1), 0), new MonthSpend(new(2026, 2, 1), 900), new MonthSpend(new(2026, 3, 1), 600)], months);
    }

    [Fact]
    public async Task Purchase_history_is_paged_newest_first_with_voids_and_their_reason()
    {
        for (var i = 0; i < 12; i++)
        {
            await _db.RecordAsync(_ada, TestDatabase.DefaultNow.AddDays(-i), (_latte, 1));
        }
        Task<PurchaseListPage> PageAsync(int page) =>
            _db.Get<PurchaseSearch>().ListAsync(new PurchaseQuery(MemberId: _ada, Page: page, PageSize: 10), TestUsers.Staff, CancellationToken.None);
        var newest = (await PageAsync(0)).Rows[0];
        await _db.Get<PurchaseService>().VoidAsync(newest.Id, "Rang up twice", TestUsers.Manager, CancellationToken.None);

        var first = await PageAsync(0);
        var second = await PageAsync(1);

        Assert.Equal(12, first.Total);
        Assert.Equal(10, first.Rows.Count);
        Assert.Equal(2, second.Rows.Count);
        Assert.True(first.Rows.Zip(first.Rows.Skip(1)).All(p => p.First.PurchasedAt >= p.Second.PurchasedAt));
        Assert.Equal((true, "Rang up twice", "manager@test"), (first.Rows[0].IsVoid, first.Rows[0].VoidReason, first.Rows[0].VoidedBy));
    }

    [Fact]
    public async Task Audit_history_lists_the_members_own_changes_newest_first()
    {
        await _db.Get<MemberCardService>().FreezeAsync(_ada, TestUsers.Staff, CancellationToken.None);

        var history = await Profile.HistoryAsync(_ada, TestUsers.Staff, CancellationToken.None);

        Assert.Equal([AuditActions.CardFrozen, AuditActions.MemberCreated], history.Select(h => h.Action));
    }
}
