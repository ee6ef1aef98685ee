using MemberCards.Members;
using MemberCards.Merging;

namespace MemberCards.Tests.Merging;

/// <summary>An unmerge happens only while it can put both members back exactly, and says which thing stands in its way.</summary>
public sealed class UnmergeRefusalTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private MergeScenario _shop = null!;
    private int _kept;
    private int _absorbed;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _shop = await MergeScenario.CreateAsync(_db);
        _kept = await _shop.MemberAsync("Ada Lovelace", "555 123 4567");
        _absorbed = await _shop.MemberAsync("Ada Lovelace", "555 123 4568");
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private async Task<MessageCode> RefusalAsync(int mergeId)
    {
        var result = await _shop.TryUnmergeAsync(mergeId);
        Assert.False(result.Succeeded);
        await _shop.AssertFiguresCleanAsync();
        return Assert.Single(result.Errors).Code;
    }

    [Fact]
    public async Task An_unmerge_is_refused_after_30_days_and_allowed_on_the_30th()
    {
        var merge = await _shop.MergeAsync(_kept, _absorbed);
        _db.Clock.UtcNow = _db.Clock.UtcNow.AddDays(MergeService.UndoDays).AddMinutes(1);
        Assert.Equal(MessageCode.UnmergeTooLate, await RefusalAsync(merge));
        _db.Clock.UtcNow = _db.Clock.UtcNow.AddMinutes(-2);
        await _shop.UnmergeAsync(merge);
    }

    [Fact]
    public async Task A_second_unmerge_is_refused_as_already_done()
    {
        var merge = await _shop.MergeAsync(_kept, _absorbed);
        await _shop.UnmergeAsync(merge);
        Assert.Equal(MessageCode.UnmergeAlreadyDone, await RefusalAsync(merge));
    }

    [Fact]
    public async Task An_unmerge_is_refused_once_the_stored_value_moved_onto_the_kept_card_is_spent()
    {
        await _shop.TopUpAsync(_absorbed, 10_000);
        var merge = await _shop.MergeAsync(_kept, _absorbed);
        await _shop.PayAsync(_kept, 2, fromCardMinor: 11_000);
        Assert.Equal(MessageCode.UnmergeStoredValueSpent, await RefusalAsync(merge));
    }

    [Fact]
    public async Task An_unmerge_is_refused_once_a_moved_purchase_is_voided()
    {
        var purchase = await _shop.PayAsync(_absorbed, 1);
        var merge = await _shop.MergeAsync(_kept, _absorbed);
        await _shop.VoidAsync(purchase);
        var result = await _shop.TryUnmergeAsync(merge);
        // The void also took back the points it earned, from the lot the merge moved.
        Assert.Equal([MessageCode.UnmergePurchaseVoided, MessageCode.UnmergePointsUsed], result.Errors.Select(e => e.Code));
        Assert.Equal(purchase, result.Errors[0].Args[0]);
    }

    [Fact]
    public async Task An_unmerge_is_refused_once_moved_points_are_spent()
    {
        await _shop.PayAsync(_absorbed, 3);
        var merge = await _shop.MergeAsync(_kept, _absorbed);
        await _shop.PayAsync(_kept, 1, points: 100);
        Assert.Equal(MessageCode.UnmergePointsUsed, await RefusalAsync(merge));
    }

    [Fact]
    public async Task An_unmerge_is_refused_once_a_moved_coupon_is_used()
    {
        var code = await _shop.GiveCouponAsync(_absorbed);
        var merge = await _shop.MergeAsync(_kept, _absorbed);
        await _shop.PayAsync(_kept, 1, coupon: code);
        Assert.Equal(MessageCode.UnmergeCouponUsed, await RefusalAsync(merge));
    }

    [Fact]
    public async Task An_unmerge_is_refused_while_another_open_member_holds_the_merged_members_phone()
    {
        var merge = await _shop.MergeAsync(_kept, _absorbed);
        var newcomer = await _shop.MemberAsync("Someone Else", "555 123 4568");
        var result = await _shop.TryUnmergeAsync(merge);
        var refusal = Assert.Single(result.Errors);
        Assert.Equal(MessageCode.UnmergeContactTaken, refusal.Code);
        Assert.Equal(new FieldName(nameof(Member.Phone)), refusal.Args[0]);
        Assert.Equal(CardNumber.Format((await _shop.MemberRowAsync(newcomer)).CardNumber), refusal.Args[1]);
    }

    [Fact]
    public async Task An_unmerge_is_refused_while_the_kept_member_is_itself_merged_into_a_third()
    {
        var first = await _shop.MergeAsync(_kept, _absorbed);
        var third = await _shop.MemberAsync("Ada Lovelace");
        var second = await _shop.MergeAsync(third, _kept);
        Assert.Equal(MessageCode.UnmergeKeptMemberClosed, await RefusalAsync(first));
        await _shop.UnmergeAsync(second);
        await _shop.UnmergeAsync(first);
        await _shop.AssertFiguresCleanAsync();
    }

    [Fact]
    public async Task A_merged_member_cannot_be_reopened_by_hand()
    {
        await _shop.MergeAsync(_kept, _absorbed);
        var reopened = await _db.Get<MemberCardService>().ReopenAsync(_absorbed, TestUsers.Manager, CancellationToken.None);
        Assert.Equal(MessageCode.MemberMergedReadOnly, Assert.Single(reopened.Errors).Code);
    }
}
