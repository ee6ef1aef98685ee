using MemberCards.Members;
using MemberCards.Purchases;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.Purchases;

public sealed class PurchaseSearchTests : IAsyncLifetime
{
    private static readonly DateTime Now = TestDatabase.DefaultNow; // Friday 20 March 2026, 11:00 in New York
    private TestDatabase _db = null!;
    private int _coffee;
    private int _bun;
    private string _joseCard = "";
    private int _ada;
    private int _adaOld;
    private int _adaVoided;
    private int _joseToday;
    private int _byManager;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        var ada = await _db.AddMemberAsync("Ada Lovelace");
        _ada = ada;
        var jose = await _db.AddMemberAsync("José Álvarez");
        _coffee = await _db.AddProductAsync("Coffee", 300);
        _bun = await _db.AddProductAsync("Bun", 250, "Bakery");
        _adaOld = await _db.RecordAsync(ada, Now.AddDays(-10), (_coffee, 1));
        _adaVoided = await _db.RecordAsync(ada, Now.AddDays(-1), (_bun, 2));
        _joseToday = await _db.RecordAsync(jose, Now.AddHours(-1), (_coffee, 1), (_bun, 1));
        _byManager = (await _db.Get<PurchaseService>().RecordAsync(new NewPurchase(jose, [new NewPurchaseLine(_coffee, 3)]), TestUsers.Manager, CancellationToken.None)).Value!.PurchaseId;
        await _db.Get<PurchaseService>().VoidAsync(_adaVoided, "Entered twice", TestUsers.Manager, CancellationToken.None);
        await using var db = _db.Open();
        _joseCard = await db.Members.Where(m => m.Id == jose).Select(m => m.CardNumber).SingleAsync();
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private async Task<int[]> IdsAsync(PurchaseQuery query)
    {
        var page = await _db.Get<PurchaseSearch>().ListAsync(query, TestUsers.Staff, CancellationToken.None);
        Assert.Equal(page.Rows.Count, page.Total);
        return [.. page.Rows.Select(r => r.Id)];
    }

    [Fact]
    public async Task Every_filter_narrows_the_list_newest_first()
    {
        Assert.Equal([_byManager, _joseToday, _adaVoided, _adaOld], await IdsAsync(new PurchaseQuery()));
        Assert.Equal([_byManager, _joseToday, _adaVoided], await IdsAsync(new PurchaseQuery(From: new DateOnly(2026, 3, 19), To: new DateOnly(2026, 3, 20))));
        Assert.Equal([_adaOld], await IdsAsync(new PurchaseQuery(To: new DateOnly(2026, 3, 18))));
        Assert.Equal([_byManager, _joseToday], await IdsAsync(new PurchaseQuery(Member: CardNumber.Format(_joseCard))));
        Assert.Equal([_byManager, _joseToday], await IdsAsync(new PurchaseQuery(Member: "jose")));
        Assert.Equal([_joseToday, _adaVoided], await IdsAsync(new PurchaseQuery(ProductId: _bun)));
        Assert.Equal([_joseToday, _adaVoided], await IdsAsync(new PurchaseQuery(Category: "Bakery")));
        Assert.Equal([_byManager], await IdsAsync(new PurchaseQuery(RecordedBy: "manager")));
        Assert.Equal([_adaVoided], await IdsAsync(new PurchaseQuery(Voids: VoidFilter.Voided)));
        Assert.Equal([_byManager, _joseToday, _adaOld], await IdsAsync(new PurchaseQuery(Voids: VoidFilter.NotVoided)));
        Assert.Empty(await IdsAsync(new PurchaseQuery(Member: "nobody at all")));
        Assert.Equal([_adaVoided, _adaOld], await IdsAsync(new PurchaseQuery(MemberId: _ada)));
    }

    [Fact]
    public async Task Pages_count_every_match()
    {
        var second = await _db.Get<PurchaseSearch>().ListAsync(new PurchaseQuery(Page: 1, PageSize: 3), TestUsers.Staff, CancellationToken.None);

        Assert.Equal(4, second.Total);
        Assert.Equal(_adaOld, Assert.Single(second.Rows).Id);
    }

    [Fact]
    public async Task A_purchase_opens_with_its_lines_as_sold_and_its_void()
    {
        var details = await _db.Get<PurchaseSearch>().GetAsync(_adaVoided, TestUsers.Staff, CancellationToken.None);

        Assert.NotNull(details);
        Assert.Equal(("Ada Lovelace", 500L, "staff@test", "manager@test", "Entered twice"),
            (details.MemberName, details.TotalMinor, details.RecordedBy, details.VoidedBy, details.VoidReason));
        Assert.Equal([new PurchaseLineRow("Bun", "Bakery", 2, 250, 0, 500)], details.Lines);
        Assert.Null(await _db.Get<PurchaseSearch>().GetAsync(999, TestUsers.Staff, CancellationToken.None));
    }

    [Fact]
    public async Task A_saved_idempotency_key_finds_its_purchase_and_an_unsaved_one_nothing()
    {
        var key = Guid.NewGuid();
        var recorded = await _db.Get<PurchaseService>().RecordAsync(new NewPurchase(_ada, [new NewPurchaseLine(_bun, 1)], IdempotencyKey: key), TestUsers.Staff, CancellationToken.None);

        var found = await _db.Get<PurchaseSearch>().FindByKeyAsync(key, TestUsers.Staff, CancellationToken.None);

        Assert.Equal((recorded.Value!.PurchaseId, "Ada Lovelace", 250L), (found!.Id, found.MemberName, found.TotalMinor));
        Assert.Null(await _db.Get<PurchaseSearch>().FindByKeyAsync(Guid.NewGuid(), TestUsers.Staff, CancellationToken.None));
    }
}
