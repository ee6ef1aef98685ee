using MemberCards.Purchases;

namespace MemberCards.Tests.Purchases;

/// <summary>The API's change lists: every purchase recorded or voided after a cursor comes once, then nothing.</summary>
public sealed class PurchaseChangesTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async ValueTask InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task Pages_follow_the_cursor_through_new_purchases_then_voids()
    {
        var changes = _db.Get<PurchaseChanges>();
        var member = await _db.AddMemberAsync();
        var latte = await _db.AddProductAsync("Latte", 450);
        var ids = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await _db.RecordAsync(member, _db.Clock.UtcNow, (latte, 1)));
        }

        var first = (await changes.PurchasesAsync(null, 2, TestUsers.Staff, default)).Value!;
        var second = (await changes.PurchasesAsync(first.Cursor, 2, TestUsers.Staff, default)).Value!;
        _db.Clock.UtcNow = _db.Clock.UtcNow.AddMinutes(1);
        Assert.True((await _db.Get<PurchaseService>().VoidAsync(ids[0], "Wrong till", TestUsers.Manager, default)).Succeeded);
        var third = (await changes.PurchasesAsync(second.Cursor, 2, TestUsers.Staff, default)).Value!;
        var fourth = (await changes.PurchasesAsync(third.Cursor, 2, TestUsers.Staff, default)).Value!;

        Assert.Equal(ids[..2], first.Items.Select(p => p.Id));
        Assert.Equal([ids[2]], second.Items.Select(p => p.Id));
        var voided = Assert.Single(third.Items);
        Assert.Equal((ids[0], "Wrong till"), (voided.Id, voided.VoidReason));
        Assert.Empty(fourth.Items);
        Assert.Equal(third.Cursor, fourth.Cursor);
        Assert.Equal(450, Assert.Single(first.Items[0].Lines).NetMinor);
    }

    [Fact]
    public async Task A_cursor_the_API_did_not_give_is_refused()
    {
        var refused = await _db.Get<PurchaseChanges>().PurchasesAsync("1.2", 10, TestUsers.Staff, default);
        var ledger = await _db.Get<PurchaseChanges>().LedgerAsync("-4", 10, TestUsers.Staff, default);

        Assert.Equal(MessageCode.ApiCursorInvalid, refused.Errors[0].Code);
        Assert.Equal(MessageCode.ApiCursorInvalid, ledger.Errors[0].Code);
    }
}
