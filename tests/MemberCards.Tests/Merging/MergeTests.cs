using MemberCards.Accounts;
using MemberCards.CardValue;
using MemberCards.Members;
using MemberCards.Merging;
using MemberCards.Purchases;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.Merging;

/// <summary>Merging one customer's two cards moves everything to the kept member, and an unmerge puts both back exactly.</summary>
public sealed class MergeTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private MergeScenario _shop = null!;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _shop = await MergeScenario.CreateAsync(_db);
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    /// <summary>Two full histories: top-ups with bonus, card payments, points earned and redeemed, a void, a coupon used and one not, a lost card.</summary>
    private async Task<(int Kept, int Absorbed)> TwoHistoriesAsync()
    {
        var kept = await _shop.MemberAsync("Ada Lovelace", "555 123 4567", "ada@example.com");
        var absorbed = await _shop.MemberAsync("Ada Lovelace", "555 123 4568");
        await _shop.TopUpAsync(kept, 20_000);
        await _shop.PayAsync(kept, 2, fromCardMinor: 5_000);
        await _shop.TopUpAsync(absorbed, 10_000);
        await _shop.PayAsync(absorbed, 3, fromCardMinor: 4_000);
        await _shop.PayAsync(absorbed, 1, fromCardMinor: 1_000, points: 100);
        await _shop.VoidAsync(await _shop.PayAsync(absorbed, 1, fromCardMinor: 500));
        await _shop.PayAsync(absorbed, 1, coupon: await _shop.GiveCouponAsync(absorbed));
        await _shop.GiveCouponAsync(absorbed);
        Assert.True((await _db.Get<MemberCardService>().ReportLostAsync(absorbed, TestUsers.Staff, CancellationToken.None)).Succeeded);
        return (kept, absorbed);
    }

    [Fact]
    public async Task Merging_moves_purchases_figures_balances_points_coupons_and_card_history_to_the_kept_member()
    {
        var (kept, absorbed) = await TwoHistoriesAsync();
        var (k, a) = (await _shop.MemberRowAsync(kept), await _shop.MemberRowAsync(absorbed));

        await _shop.MergeAsync(kept, absorbed);

        var merged = await _shop.MemberRowAsync(kept);
        Assert.Equal((k.PurchaseCount + a.PurchaseCount, k.TotalSpentMinor + a.TotalSpentMinor), (merged.PurchaseCount, merged.TotalSpentMinor));
        Assert.Equal((k.PrincipalMinor + a.PrincipalMinor, k.BonusMinor + a.BonusMinor, k.Points + a.Points), (merged.PrincipalMinor, merged.BonusMinor, merged.Points));
        Assert.Equal(new[] { k.LastPurchaseAt, a.LastPurchaseAt }.Max(), merged.LastPurchaseAt);
        var gone = await _shop.MemberRowAsync(absorbed);
        Assert.Equal((MemberStatus.Closed, kept, 0, 0L, 0L, 0L, 0L), (gone.Status, gone.MergedIntoId, gone.PurchaseCount, gone.TotalSpentMinor, gone.PrincipalMinor, gone.BonusMinor, gone.Points));
        await using var context = _db.Open();
        Assert.False(await context.Purchases.AnyAsync(p => p.MemberId == absorbed));
        Assert.False(await context.Coupons.AnyAsync(c => c.MemberId == absorbed));
        Assert.False(await context.PointsLots.AnyAsync(l => l.MemberId == absorbed));
        Assert.Equal(2, await context.RetiredCards.CountAsync(c => c.MemberId == kept));
        Assert.Equal(2, await context.LedgerEntries.CountAsync(e => e.Kind == LedgerKind.MergeTransfer));
        Assert.Equal(2, await context.AuditEntries.CountAsync(e => e.Action == MemberCards.Auditing.AuditActions.MembersMerged));
        await _shop.AssertFiguresCleanAsync();
    }

    [Fact]
    public async Task The_absorbed_card_number_and_its_old_card_find_the_kept_member_at_the_till_and_in_the_grid()
    {
        var (kept, absorbed) = await TwoHistoriesAsync();
        var card = (await _shop.MemberRowAsync(absorbed)).CardNumber;
        await using (var context = _db.Open())
        {
            var lost = await context.RetiredCards.Where(c => c.MemberId == absorbed).Select(c => c.CardNumber).SingleAsync();
            await _shop.MergeAsync(kept, absorbed);
            foreach (var number in new[] { card, lost })
            {
                var found = await _db.Get<MemberLookup>().FindAsync(CardNumber.Format(number), TestUsers.Staff, CancellationToken.None);
                Assert.Equal(kept, Assert.Single(found).Id);
                var grid = await _db.Get<MemberSearch>().ListAsync(new MemberListQuery { Search = number }, TestUsers.Staff, CancellationToken.None);
                Assert.Equal(kept, Assert.Single(grid.Rows).Id);
            }
        }
    }

    [Fact]
    public async Task Unmerging_restores_both_members_exactly_and_the_figures_check_stays_clean()
    {
        var (kept, absorbed) = await TwoHistoriesAsync();
        var (keptBefore, absorbedBefore) = (await _shop.StateAsync(kept), await _shop.StateAsync(absorbed));
        var card = (await _shop.MemberRowAsync(absorbed)).CardNumber;
        var merge = await _shop.MergeAsync(kept, absorbed);
        Assert.NotEqual(keptBefore, await _shop.StateAsync(kept));

        await _shop.UnmergeAsync(merge);

        Assert.Equal(keptBefore, await _shop.StateAsync(kept));
        Assert.Equal(absorbedBefore, await _shop.StateAsync(absorbed));
        var found = await _db.Get<MemberLookup>().FindAsync(card, TestUsers.Staff, CancellationToken.None);
        Assert.Equal(absorbed, Assert.Single(found).Id);
        await _shop.AssertFiguresCleanAsync();
        var history = await _db.Get<MergeHistory>().ListAsync(TestUsers.Manager, CancellationToken.None);
        Assert.NotNull(Assert.Single(history).UnmergedAt);
    }

    [Fact]
    public async Task The_kept_members_own_purchases_after_the_merge_stay_with_them_through_an_unmerge()
    {
        var (kept, absorbed) = await TwoHistoriesAsync();
        var absorbedBefore = await _shop.StateAsync(absorbed);
        var merge = await _shop.MergeAsync(kept, absorbed);
        var later = await _shop.PayAsync(kept, 1, fromCardMinor: 1_000);

        await _shop.UnmergeAsync(merge);

        Assert.Equal(absorbedBefore, await _shop.StateAsync(absorbed));
        await using var context = _db.Open();
        Assert.Equal(kept, await context.Purchases.Where(p => p.Id == later).Select(p => p.MemberId).SingleAsync());
        await _shop.AssertFiguresCleanAsync();
    }

    [Fact]
    public async Task The_kept_member_reaches_the_tier_the_merged_history_reaches_and_an_unmerge_takes_it_back()
    {
        var kept = await _shop.MemberAsync("Grace Hopper");
        var absorbed = await _shop.MemberAsync("Grace Hopper");
        await _shop.PayAsync(kept, 9);
        await _shop.PayAsync(absorbed, 8);
        Assert.Equal(TestTiers.Bronze, (await _shop.MemberRowAsync(kept)).TierId);

        var merge = await _shop.MergeAsync(kept, absorbed);

        Assert.Equal(TestTiers.Silver, (await _shop.MemberRowAsync(kept)).TierId);
        await _shop.UnmergeAsync(merge);
        Assert.Equal(TestTiers.Bronze, (await _shop.MemberRowAsync(kept)).TierId);
        await _shop.AssertFiguresCleanAsync();
    }

    [Fact]
    public async Task The_kept_member_keeps_the_better_tier_of_the_two()
    {
        var kept = await _shop.MemberAsync("Grace Hopper");
        var absorbed = await _shop.MemberAsync("Grace Hopper");
        await _shop.PayAsync(absorbed, 17);
        var silver = await _shop.MemberRowAsync(absorbed);
        Assert.Equal(TestTiers.Silver, silver.TierId);

        await _shop.MergeAsync(kept, absorbed);

        var merged = await _shop.MemberRowAsync(kept);
        Assert.Equal((TestTiers.Silver, silver.TierKeptUntil), (merged.TierId, merged.TierKeptUntil));
    }

    [Fact]
    public async Task A_merge_is_refused_with_its_reason_for_one_member_twice_a_closed_card_and_over_the_card_cap()
    {
        var service = _db.Get<MergeService>();
        var ada = await _shop.MemberAsync("Ada Lovelace");
        var other = await _shop.MemberAsync("Ada Lovelace");
        Assert.Equal(MessageCode.MergeSameMember, (await service.MergeAsync(ada, ada, TestUsers.Manager, CancellationToken.None)).Errors.Single().Code);

        await _shop.TopUpAsync(ada, 300_000);
        await _shop.TopUpAsync(other, 300_000);
        var overCap = await service.MergeAsync(ada, other, TestUsers.Manager, CancellationToken.None);
        Assert.Equal(MessageCode.MergeOverCardCap, overCap.Errors.Single().Code);

        var closed = await _shop.MemberAsync("Ada Lovelace");
        Assert.True((await _db.Get<MemberCardService>().CloseAsync(closed, TestUsers.Staff, CancellationToken.None)).Succeeded);
        var refused = await service.MergeAsync(ada, closed, TestUsers.Manager, CancellationToken.None);
        Assert.Equal(MessageCode.MergeMemberClosed, refused.Errors.Single().Code);
        await _shop.AssertFiguresCleanAsync();
    }

    [Fact]
    public async Task Only_managers_may_find_duplicates_merge_unmerge_or_read_the_merges()
    {
        var ada = await _shop.MemberAsync("Ada Lovelace");
        var other = await _shop.MemberAsync("Ada Lovelace");
        foreach (var user in new[] { TestUsers.Staff, TestUsers.Marketing })
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Get<MergeService>().MergeAsync(ada, other, user, CancellationToken.None));
            await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Get<MergeService>().UnmergeAsync(1, user, CancellationToken.None));
            await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Get<MergeService>().PreviewAsync(ada, other, user, CancellationToken.None));
            await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Get<DuplicateFinder>().FindAsync(user, CancellationToken.None));
            await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Get<MergeHistory>().ListAsync(user, CancellationToken.None));
        }
    }
}
