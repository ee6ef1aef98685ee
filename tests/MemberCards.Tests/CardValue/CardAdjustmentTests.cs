using MemberCards.Auditing;
using MemberCards.CardValue;
using MemberCards.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.CardValue;

public sealed class CardAdjustmentTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private CardScenario _shop = null!;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _shop = await CardScenario.CreateAsync(_db);
        await _shop.SetPointsRuleAsync();
        await _shop.AddTopUpRuleAsync(50_000, bonusMinor: 8_000);
        await _shop.TopUpAsync(50_000);
        await _shop.PayAsync(meals: 1, fromCardMinor: 0, otherMinor: 6_000);
    }

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    private Task<Result<CardBalances>> AdjustAsync(long principal, long bonus, long points, string reason = "Till counted wrong", System.Security.Claims.ClaimsPrincipal? user = null) =>
        _db.Get<CardValueService>().AdjustAsync(new CardAdjustment(_shop.MemberId, principal, bonus, points, reason), user ?? TestUsers.Manager, CancellationToken.None);

    [Fact]
    public async Task A_manager_adjusts_with_a_reason_and_the_ledger_and_audit_say_why()
    {
        var adjusted = await AdjustAsync(-1_000, 500, 40);

        Assert.True(adjusted.Succeeded, CardScenario.Describe(adjusted.Errors));
        Assert.Equal(new CardBalances(49_000, 8_500, 100), await _shop.BalancesAsync());
        var entries = (await _shop.LedgerAsync()).Where(e => e.Kind == LedgerKind.Adjustment).ToList();
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal(("Till counted wrong", "manager@test"), (e.Reason, e.By)));
        await using var db = _db.Open();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.CardAdjusted));
        await _shop.AssertFiguresCleanAsync();
    }

    [Fact]
    public async Task An_adjustment_without_reason_below_zero_or_over_the_daily_limit_is_refused_and_staff_may_not_adjust()
    {
        _db.Options.StoredValue.AdjustmentDailyLimitMinor = 2_000;

        var noReason = await AdjustAsync(100, 0, 0, reason: "  ");
        var belowZero = await AdjustAsync(0, -8_001, 0);
        var pointsBelowZero = await AdjustAsync(0, 0, -61);
        var first = await AdjustAsync(1_500, 0, 0);
        var overLimit = await AdjustAsync(-501, 0, 0);

        Assert.Equal(MessageCode.ReasonRequired, Assert.Single(noReason.Errors).Code);
        Assert.Equal((nameof(CardAdjustment.BonusDeltaMinor), MessageCode.AdjustmentBelowZero), (belowZero.Errors[0].Field, belowZero.Errors[0].Code));
        Assert.Equal(MessageCode.AdjustmentBelowZero, Assert.Single(pointsBelowZero.Errors).Code);
        Assert.True(first.Succeeded);
        var limit = Assert.Single(overLimit.Errors);
        Assert.Equal((MessageCode.AdjustmentOverDailyLimit, "$20.00", "$5.00"), (limit.Code, limit.Args[0], limit.Args[1]));
        await Assert.ThrowsAsync<MemberCards.Accounts.AccessDeniedException>(() => AdjustAsync(1, 0, 0, user: TestUsers.Staff));
        Assert.Equal(51_500, (await _shop.BalancesAsync()).PrincipalMinor);
    }

    [Fact]
    public async Task Closing_a_card_with_value_pays_back_the_principal_forfeits_the_bonus_and_points_only_with_the_figures_confirmed()
    {
        var cards = _db.Get<MemberCardService>();
        var value = _db.Get<CardValueService>();

        var plainClose = await cards.CloseAsync(_shop.MemberId, TestUsers.Staff, CancellationToken.None);
        var staleFigures = await value.CloseWithCashOutAsync(_shop.MemberId, new CardBalances(50_000, 8_000, 0), TestUsers.Staff, CancellationToken.None);
        var closed = await value.CloseWithCashOutAsync(_shop.MemberId, new CardBalances(50_000, 8_000, 60), TestUsers.Staff, CancellationToken.None);

        Assert.Equal(MessageCode.CloseNeedsCashOut, Assert.Single(plainClose.Errors).Code);
        Assert.Equal(MessageCode.CashOutNotConfirmed, Assert.Single(staleFigures.Errors).Code);
        Assert.True(closed.Succeeded, CardScenario.Describe(closed.Errors));
        Assert.Equal(new CardBalances(0, 0, 0), await _shop.BalancesAsync());
        var cashOut = (await _shop.LedgerAsync()).Where(e => e.Kind == LedgerKind.CashOut).ToList();
        Assert.Equal((-50_000L, -8_000L, -60L), (cashOut.Sum(e => e.PrincipalDeltaMinor), cashOut.Sum(e => e.BonusDeltaMinor), cashOut.Sum(e => e.PointsDelta)));
        await using var db = _db.Open();
        Assert.Equal(MemberStatus.Closed, (await db.Members.SingleAsync(m => m.Id == _shop.MemberId)).Status);
        await _shop.AssertFiguresCleanAsync();
    }

    [Fact]
    public async Task A_member_is_not_anonymized_while_the_card_holds_value()
    {
        var refused = await _db.Get<MemberCardService>().AnonymizeAsync(_shop.MemberId, TestUsers.Manager, CancellationToken.None);

        Assert.Equal(MessageCode.AnonymizeBalanceLeft, Assert.Single(refused.Errors).Code);
    }

    [Fact]
    public async Task A_lost_card_replaced_keeps_its_balances_and_history_on_the_new_number()
    {
        var before = await _shop.BalancesAsync();
        var ledger = await _shop.LedgerAsync();

        var reissued = await _db.Get<MemberCardService>().ReportLostAsync(_shop.MemberId, TestUsers.Staff, CancellationToken.None);

        Assert.True(reissued.Succeeded);
        Assert.Equal(before, await _shop.BalancesAsync());
        Assert.Equal(ledger.Select(e => e.Id), (await _shop.LedgerAsync()).Select(e => e.Id));
        await _shop.PayAsync(meals: 1, fromCardMinor: 6_000);
        await _shop.AssertFiguresCleanAsync();
    }
}
