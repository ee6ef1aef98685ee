using MemberCards.CardValue;
using MemberCards.Purchases;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.CardValue;

public sealed class CardPaymentTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private CardScenario _shop = null!;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _shop = await CardScenario.CreateAsync(_db);
        await _shop.AddTopUpRuleAsync(50_000, bonusMinor: 8_000);
        await _shop.TopUpAsync(50_000);
    }

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Paying_120_from_500_plus_80_takes_principal_and_bonus_in_proportion_and_a_void_gives_the_same_split_back()
    {
        var purchase = await _shop.PayAsync(meals: 2, fromCardMinor: 12_000);

        Assert.Equal(new CardBalances(50_000 - 10_345, 8_000 - 1_655, 0), await _shop.BalancesAsync());
        var spend = (await _shop.LedgerAsync()).Single(e => e.Kind == LedgerKind.Spend);
        Assert.Equal((-10_345L, -1_655L, purchase), (spend.PrincipalDeltaMinor, spend.BonusDeltaMinor, spend.PurchaseId!.Value));
        await _shop.AssertFiguresCleanAsync();

        await _shop.VoidAsync(purchase);

        Assert.Equal(new CardBalances(50_000, 8_000, 0), await _shop.BalancesAsync());
        var ledger = await _shop.LedgerAsync();
        var reversal = ledger[^1];
        Assert.Equal((LedgerKind.VoidReversal, 10_345L, 1_655L, spend.Id, LedgerKind.Spend), (reversal.Kind, reversal.PrincipalDeltaMinor, reversal.BonusDeltaMinor, reversal.ReversesEntryId!.Value, reversal.ReversesKind!.Value));
        await _shop.AssertFiguresCleanAsync();
    }

    [Fact]
    public async Task A_void_gives_back_the_split_it_took_even_after_later_payments_changed_the_ratio()
    {
        var first = await _shop.PayAsync(meals: 2, fromCardMinor: 12_000);
        _db.Options.StoredValue.SpendOrder = SpendOrder.BonusFirst;
        await _shop.PayAsync(meals: 1, fromCardMinor: 6_000);

        await _shop.VoidAsync(first);

        // First: 103.45 principal + 16.55 bonus back; the second took its ¥60 from the bonus left (63.45) first.
        Assert.Equal(new CardBalances(50_000, 8_000 - 6_000, 0), await _shop.BalancesAsync());
        await _shop.AssertFiguresCleanAsync();
    }

    [Fact]
    public async Task A_split_payment_records_each_tender_and_spend_counts_the_whole_bill()
    {
        var purchase = await _shop.PayAsync(meals: 1, fromCardMinor: 2_500, otherMinor: 3_500);

        await using var db = _db.Open();
        var tenders = await db.PurchaseTenders.Where(t => t.PurchaseId == purchase).OrderBy(t => t.Id).Select(t => new { t.Method, t.AmountMinor }).ToListAsync();
        Assert.Equal([new { Method = PaymentMethod.StoredValue, AmountMinor = 2_500L }, new { Method = PaymentMethod.Cash, AmountMinor = 3_500L }], tenders);
        Assert.Equal(6_000, (await db.Members.SingleAsync(m => m.Id == _shop.MemberId)).TotalSpentMinor);
        Assert.Equal(58_000 - 2_500, (await _shop.BalancesAsync()).StoredValueMinor);
        await _shop.AssertFiguresCleanAsync();
    }

    [Fact]
    public async Task Paying_more_from_the_card_than_it_holds_is_refused_with_the_balance_and_nothing_is_saved()
    {
        var refused = await _shop.TryPayAsync(meals: 10, fromCardMinor: 60_000);

        var error = Assert.Single(refused.Errors);
        Assert.Equal((Basket.TenderField(0), MessageCode.StoredValueShort, "$580.00"), (error.Field, error.Code, error.Args[0]));
        await using var db = _db.Open();
        Assert.Equal(0, await db.Purchases.CountAsync());
        Assert.Equal(new CardBalances(50_000, 8_000, 0), await _shop.BalancesAsync());
    }

    [Fact]
    public async Task Tenders_that_do_not_add_up_to_the_amount_due_are_refused()
    {
        var tooLittle = await _shop.TryPayAsync(meals: 1, fromCardMinor: 2_000, otherMinor: 3_000);
        var tooMuch = await _shop.TryPayAsync(meals: 1, fromCardMinor: 0, otherMinor: 7_000);

        Assert.Equal((Basket.TendersField, MessageCode.TendersDoNotAddUp), (tooLittle.Errors[0].Field, tooLittle.Errors[0].Code));
        Assert.Equal(["$50.00", "$60.00"], tooLittle.Errors[0].Args);
        Assert.Equal(MessageCode.TendersDoNotAddUp, Assert.Single(tooMuch.Errors).Code);
    }

    [Fact]
    public async Task A_card_paid_purchase_of_a_closed_card_is_not_voided_until_a_manager_reopens_it()
    {
        var purchase = await _shop.PayAsync(meals: 1, fromCardMinor: 6_000);
        var left = await _shop.BalancesAsync();
        Assert.True((await _db.Get<CardValueService>().CloseWithCashOutAsync(_shop.MemberId, left, TestUsers.Staff, CancellationToken.None)).Succeeded);

        var refused = await _db.Get<PurchaseService>().VoidAsync(purchase, "Returned", TestUsers.Manager, CancellationToken.None);
        Assert.Equal(MessageCode.PurchaseVoidCardClosed, Assert.Single(refused.Errors).Code);

        Assert.True((await _db.Get<MemberCards.Members.MemberCardService>().ReopenAsync(_shop.MemberId, TestUsers.Manager, CancellationToken.None)).Succeeded);
        await _shop.VoidAsync(purchase);
        Assert.Equal(6_000, (await _shop.BalancesAsync()).StoredValueMinor);
        await _shop.AssertFiguresCleanAsync();
    }
}
