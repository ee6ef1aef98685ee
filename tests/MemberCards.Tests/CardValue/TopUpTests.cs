using MemberCards.CardValue;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.CardValue;

public sealed class TopUpTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private CardScenario _shop = null!;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _shop = await CardScenario.CreateAsync(_db);
    }

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Topping_up_500_under_a_500_gets_80_rule_holds_principal_and_bonus_apart()
    {
        await _shop.AddTopUpRuleAsync(50_000, bonusMinor: 8_000);

        var topUp = await _shop.TopUpAsync(50_000);

        Assert.Equal((50_000, 8_000), (topUp.AmountMinor, topUp.BonusMinor));
        Assert.Equal(new CardBalances(50_000, 8_000, 0), await _shop.BalancesAsync());
        var ledger = await _shop.LedgerAsync();
        Assert.Collection(ledger,
            e => Assert.Equal((LedgerKind.TopUp, 50_000L, 0L, 50_000L, 0L), (e.Kind, e.PrincipalDeltaMinor, e.BonusDeltaMinor, e.After.PrincipalMinor, e.After.BonusMinor)),
            e => Assert.Equal((LedgerKind.Bonus, 0L, 8_000L, 50_000L, 8_000L), (e.Kind, e.PrincipalDeltaMinor, e.BonusDeltaMinor, e.After.PrincipalMinor, e.After.BonusMinor)));
        Assert.All(ledger, e => Assert.Equal(topUp.TopUpId, e.TopUpId));
        await _shop.AssertFiguresCleanAsync();
    }

    [Theory]
    // At the threshold the rule applies (≥); one fen below, the lower rule.
    [InlineData(50_000, 8_000)]
    [InlineData(49_999, 1_000)]
    [InlineData(100_000, 20_000)]
    [InlineData(20_000, 1_000)]
    [InlineData(19_999, 0)]
    public async Task The_highest_rule_met_gives_one_bonus_without_stacking(long amount, long bonus)
    {
        await _shop.AddTopUpRuleAsync(20_000, bonusMinor: 1_000);
        await _shop.AddTopUpRuleAsync(50_000, bonusMinor: 8_000);
        await _shop.AddTopUpRuleAsync(100_000, bonusMinor: 20_000);

        var quote = await _db.Get<TopUpService>().QuoteAsync(_shop.MemberId, amount, TestUsers.Staff, CancellationToken.None);

        Assert.Equal(bonus, quote.BonusMinor);
        Assert.Empty(quote.Refusals);
    }

    [Fact]
    public async Task A_percent_bonus_rounds_half_up_to_the_fen()
    {
        await _shop.AddTopUpRuleAsync(10_000, bonusPercent: 15);

        var quote = await _db.Get<TopUpService>().QuoteAsync(_shop.MemberId, 10_003, TestUsers.Staff, CancellationToken.None);

        // 15% of ¥100.03 = ¥15.0045 → ¥15.00; of ¥100.10 = ¥15.015 → ¥15.02.
        Assert.Equal(1_500, quote.BonusMinor);
        Assert.Equal(1_502, (await _db.Get<TopUpService>().QuoteAsync(_shop.MemberId, 10_010, TestUsers.Staff, CancellationToken.None)).BonusMinor);
    }

    [Fact]
    public async Task A_rule_applies_on_both_ends_of_its_active_dates_and_not_outside()
    {
        var today = _db.Get<StoreClock>().Today;
        await _shop.AddTopUpRuleAsync(10_000, bonusMinor: 500, from: today, to: today);
        await _shop.AddTopUpRuleAsync(20_000, bonusMinor: 3_000, from: today.AddDays(1));
        await _shop.AddTopUpRuleAsync(30_000, bonusMinor: 6_000, to: today.AddDays(-1));

        var quote = await _db.Get<TopUpService>().QuoteAsync(_shop.MemberId, 50_000, TestUsers.Staff, CancellationToken.None);

        Assert.Equal(500, quote.BonusMinor);
    }

    [Fact]
    public async Task The_card_cap_counts_the_bonus_and_refuses_a_top_up_that_would_pass_it()
    {
        await _shop.AddTopUpRuleAsync(50_000, bonusMinor: 8_000);
        await _shop.TopUpAsync(434_000);

        // 434,000 + 8,000 bonus, then 50,000 + 8,000 bonus: exactly the ¥5,000 cap, allowed (≥ and ≤ meet at equality).
        await _shop.TopUpAsync(50_000);
        var refused = await _shop.TryTopUpAsync(1);

        var error = Assert.Single(refused.Errors);
        Assert.Equal((TopUpService.AmountField, MessageCode.TopUpOverCap), (error.Field, error.Code));
        Assert.Equal(new CardBalances(484_000, 16_000, 0), await _shop.BalancesAsync());
        await _shop.AssertFiguresCleanAsync();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-100)]
    public async Task A_top_up_of_nothing_or_less_is_refused_at_the_amount(long amount)
    {
        var refused = await _shop.TryTopUpAsync(amount);

        Assert.Equal((TopUpService.AmountField, MessageCode.TopUpAmountNotPositive), (refused.Errors[0].Field, refused.Errors[0].Code));
        await using var db = _db.Open();
        Assert.Equal(0, await db.TopUps.CountAsync());
        Assert.Equal(0, await db.LedgerEntries.CountAsync());
    }

    [Fact]
    public async Task Other_payment_needs_a_label_and_the_card_cannot_top_itself_up()
    {
        var service = _db.Get<TopUpService>();

        var noLabel = await service.RecordAsync(new NewTopUp(_shop.MemberId, 10_000, PaymentMethod.Other), TestUsers.Staff, CancellationToken.None);
        var fromCard = await service.RecordAsync(new NewTopUp(_shop.MemberId, 10_000, PaymentMethod.StoredValue), TestUsers.Staff, CancellationToken.None);
        var labelled = await service.RecordAsync(new NewTopUp(_shop.MemberId, 10_000, PaymentMethod.Other, " 云闪付 "), TestUsers.Staff, CancellationToken.None);

        Assert.Equal(MessageCode.TopUpLabelRequired, Assert.Single(noLabel.Errors).Code);
        Assert.Equal(MessageCode.TopUpMethodInvalid, Assert.Single(fromCard.Errors).Code);
        Assert.True(labelled.Succeeded);
        await using var db = _db.Open();
        Assert.Equal("云闪付", (await db.TopUps.SingleAsync()).MethodLabel);
    }

    [Fact]
    public async Task A_frozen_card_is_not_topped_up()
    {
        await _db.Get<MemberCards.Members.MemberCardService>().FreezeAsync(_shop.MemberId, TestUsers.Staff, CancellationToken.None);

        var refused = await _shop.TryTopUpAsync(10_000);

        Assert.Equal(MessageCode.PurchaseCardFrozen, Assert.Single(refused.Errors).Code);
    }

    [Fact]
    public async Task The_same_key_twice_tops_up_once()
    {
        var key = Guid.NewGuid();
        var service = _db.Get<TopUpService>();
        var input = new NewTopUp(_shop.MemberId, 10_000, PaymentMethod.Cash, IdempotencyKey: key);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => service.RecordAsync(input, TestUsers.Staff, CancellationToken.None))));

        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.Single(results.Select(r => r.Value!.TopUpId).Distinct());
        Assert.Equal(10_000, (await _shop.BalancesAsync()).PrincipalMinor);
        await _shop.AssertFiguresCleanAsync();
    }

    [Fact]
    public async Task A_top_up_rule_can_grant_points_and_a_top_up_earns_none_otherwise()
    {
        await _shop.SetPointsRuleAsync();
        await _shop.AddTopUpRuleAsync(50_000, bonusMinor: 8_000, bonusPoints: 200);
        await _shop.AddTopUpRuleAsync(10_000);

        await _shop.TopUpAsync(50_000);
        await _shop.TopUpAsync(10_000);

        Assert.Equal(200, (await _shop.BalancesAsync()).Points);
        await _shop.AssertFiguresCleanAsync();
    }

    [Fact]
    public async Task Voiding_an_unspent_top_up_takes_principal_bonus_and_points_back()
    {
        await _shop.SetPointsRuleAsync();
        await _shop.AddTopUpRuleAsync(50_000, bonusMinor: 8_000, bonusPoints: 200);
        var topUp = await _shop.TopUpAsync(50_000);

        var voided = await _db.Get<TopUpService>().VoidAsync(topUp.TopUpId, "Wrong card", TestUsers.Manager, CancellationToken.None);

        Assert.True(voided.Succeeded, CardScenario.Describe(voided.Errors));
        Assert.Equal(new CardBalances(0, 0, 0), await _shop.BalancesAsync());
        var reversals = (await _shop.LedgerAsync()).Where(e => e.Kind == LedgerKind.VoidReversal).ToList();
        Assert.Equal(3, reversals.Count);
        Assert.All(reversals, r => Assert.Equal("Wrong card", r.Reason));
        await _shop.AssertFiguresCleanAsync();
    }

    [Fact]
    public async Task A_top_up_partly_spent_cannot_be_voided_and_staff_cannot_void_one()
    {
        await _shop.AddTopUpRuleAsync(50_000, bonusMinor: 8_000);
        var topUp = await _shop.TopUpAsync(50_000);
        await _shop.PayAsync(meals: 1, fromCardMinor: 6_000);
        var service = _db.Get<TopUpService>();

        var spent = await service.VoidAsync(topUp.TopUpId, "Changed mind", TestUsers.Manager, CancellationToken.None);
        var noReason = await service.VoidAsync(topUp.TopUpId, " ", TestUsers.Manager, CancellationToken.None);

        Assert.Equal(MessageCode.TopUpVoidSpent, Assert.Single(spent.Errors).Code);
        Assert.Equal(MessageCode.ReasonRequired, Assert.Single(noReason.Errors).Code);
        await Assert.ThrowsAsync<MemberCards.Accounts.AccessDeniedException>(() => service.VoidAsync(topUp.TopUpId, "x", TestUsers.Staff, CancellationToken.None));
        Assert.Equal(52_000, (await _shop.BalancesAsync()).StoredValueMinor);
        await _shop.AssertFiguresCleanAsync();
    }

    [Fact]
    public async Task Rules_with_the_same_threshold_on_overlapping_days_or_a_bonus_over_100_percent_are_refused()
    {
        var rules = _db.Get<CardRulesService>();
        var today = _db.Get<StoreClock>().Today;
        await _shop.AddTopUpRuleAsync(50_000, bonusMinor: 8_000, from: today, to: today.AddDays(30));

        var overlapping = await rules.SaveTopUpRuleAsync(new TopUpRuleInput(0, 50_000, 5_000, 0, 0, today.AddDays(30), null, true), TestUsers.Manager, CancellationToken.None);
        var later = await rules.SaveTopUpRuleAsync(new TopUpRuleInput(0, 50_000, 5_000, 0, 0, today.AddDays(31), null, true), TestUsers.Manager, CancellationToken.None);
        var tooMuch = await rules.SaveTopUpRuleAsync(new TopUpRuleInput(0, 10_000, 10_001, 0, 0, null, null, true), TestUsers.Manager, CancellationToken.None);
        var tooManyPercent = await rules.SaveTopUpRuleAsync(new TopUpRuleInput(0, 10_000, 0, 101, 0, null, null, true), TestUsers.Manager, CancellationToken.None);
        var reversed = await rules.SaveTopUpRuleAsync(new TopUpRuleInput(0, 10_000, 100, 0, 0, today, today.AddDays(-1), true), TestUsers.Manager, CancellationToken.None);

        Assert.Equal(MessageCode.RuleThresholdOverlaps, Assert.Single(overlapping.Errors).Code);
        Assert.True(later.Succeeded);
        Assert.Equal(MessageCode.RuleBonusOverAmount, Assert.Single(tooMuch.Errors).Code);
        Assert.Equal(MessageCode.RuleBonusPercentOutOfRange, Assert.Single(tooManyPercent.Errors).Code);
        Assert.Equal(MessageCode.RuleDatesReversed, Assert.Single(reversed.Errors).Code);
        await Assert.ThrowsAsync<MemberCards.Accounts.AccessDeniedException>(() => rules.SaveTopUpRuleAsync(new TopUpRuleInput(0, 1, 0, 0, 0, null, null, true), TestUsers.Staff, CancellationToken.None));
    }
}
