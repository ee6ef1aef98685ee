using MemberCards.CardValue;
using MemberCards.Purchases;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.CardValue;

/// <summary>Several tills on the same card at the same moment: no yuan or point is spent twice, nothing goes negative.</summary>
public sealed class CardConcurrencyTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private CardScenario _shop = null!;
    private int _teaEgg;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _shop = await CardScenario.CreateAsync(_db);
        _teaEgg = await _db.AddProductAsync("茶叶蛋", 1_000, "点心");
    }

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    private Task<Result<RecordedPurchase>[]> AtOnceAsync(int tills, Func<int, NewPurchase> purchase) =>
        Task.WhenAll(Enumerable.Range(0, tills).Select(i => Task.Run(() =>
            _db.Get<PurchaseService>().RecordAsync(purchase(i), TestUsers.Staff, CancellationToken.None))));

    [Fact]
    public async Task Two_tills_spending_the_last_10_yuan_at_once_one_wins_and_the_other_is_told_the_new_balance()
    {
        await _shop.TopUpAsync(1_000);

        var results = await AtOnceAsync(2, _ => new NewPurchase(_shop.MemberId, [new NewPurchaseLine(_teaEgg, 1)], Tenders: [new Tender(PaymentMethod.StoredValue, 1_000)]));

        Assert.Single(results, r => r.Succeeded);
        var refusal = Assert.Single(Assert.Single(results, r => !r.Succeeded).Errors);
        Assert.Equal((MessageCode.StoredValueShort, "$0.00"), (refusal.Code, refusal.Args[0]));
        Assert.Equal(new CardBalances(0, 0, 0), await _shop.BalancesAsync());
        await _shop.AssertFiguresCleanAsync();
    }

    [Fact]
    public async Task Twelve_tills_spending_10_yuan_each_from_100_yuan_and_bonus_spend_exactly_what_the_card_held()
    {
        await _shop.AddTopUpRuleAsync(8_000, bonusMinor: 2_000);
        await _shop.TopUpAsync(8_000);

        var results = await AtOnceAsync(12, _ => new NewPurchase(_shop.MemberId, [new NewPurchaseLine(_teaEgg, 1)], Tenders: [new Tender(PaymentMethod.StoredValue, 1_000)]));

        Assert.Equal(10, results.Count(r => r.Succeeded));
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(MessageCode.StoredValueShort, Assert.Single(r.Errors).Code));
        Assert.Equal(new CardBalances(0, 0, 0), await _shop.BalancesAsync());
        await using var db = _db.Open();
        var spent = await db.LedgerEntries.Where(e => e.Kind == LedgerKind.Spend).Select(e => new { e.PrincipalDeltaMinor, e.BonusDeltaMinor }).ToListAsync();
        Assert.Equal((-8_000L, -2_000L), (spent.Sum(s => s.PrincipalDeltaMinor), spent.Sum(s => s.BonusDeltaMinor)));
        await _shop.AssertFiguresCleanAsync();
    }

    [Fact]
    public async Task Two_tills_redeeming_the_same_points_at_once_one_wins()
    {
        await _shop.SetPointsRuleAsync(r => r.RedeemCapPercent = 100);
        await _shop.PayAsync(meals: 2, fromCardMinor: 0, otherMinor: 12_000);

        var results = await AtOnceAsync(2, _ => new NewPurchase(_shop.MemberId, [new NewPurchaseLine(_teaEgg, 1)], PointsToRedeem: 100, Tenders: [new Tender(PaymentMethod.Cash, 900)]));

        Assert.Single(results, r => r.Succeeded);
        Assert.Equal(MessageCode.PointsRedeemMoreThanHeld, Assert.Single(Assert.Single(results, r => !r.Succeeded).Errors).Code);
        Assert.Equal(120 - 100 + 9, (await _shop.BalancesAsync()).Points);
        await _shop.AssertFiguresCleanAsync();
    }

    [Fact]
    public async Task Two_managers_voiding_the_same_card_payment_at_once_give_it_back_once()
    {
        await _shop.SetPointsRuleAsync();
        await _shop.TopUpAsync(10_000);
        var purchase = await _shop.PayAsync(meals: 1, fromCardMinor: 6_000);

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
            _db.Get<PurchaseService>().VoidAsync(purchase, "Entered twice", TestUsers.Manager, CancellationToken.None))));

        Assert.Single(results, r => r.Succeeded);
        Assert.Equal(new CardBalances(10_000, 0, 0), await _shop.BalancesAsync());
        await _shop.AssertFiguresCleanAsync();
    }

    [Fact]
    public async Task Top_ups_spends_and_voids_on_one_card_at_once_leave_every_balance_equal_to_its_ledger()
    {
        await _shop.SetPointsRuleAsync();
        await _shop.AddTopUpRuleAsync(5_000, bonusMinor: 500, bonusPoints: 10);
        await _shop.TopUpAsync(20_000);
        var toVoid = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _shop.PayAsync(meals: 0, fromCardMinor: 2_000, coffees: 1)));

        var work = new List<Task>();
        for (var i = 0; i < 6; i++)
        {
            work.Add(Task.Run(() => _shop.TryTopUpAsync(5_000)));
            work.Add(Task.Run(() => _shop.TryPayAsync(meals: 0, fromCardMinor: 2_000, coffees: 1)));
        }
        work.AddRange(toVoid.Select(id => Task.Run(() => _db.Get<PurchaseService>().VoidAsync(id, "Test", TestUsers.Manager, CancellationToken.None))));
        await Task.WhenAll(work);

        // 20,000 + 500 bonus, six top-ups of 5,000 + 500 and six payments of 2,000; the four voided payments given back.
        Assert.Equal(20_500 + 6 * 5_500 - 6 * 2_000, (await _shop.BalancesAsync()).StoredValueMinor);
        await _shop.AssertFiguresCleanAsync();
    }
}
