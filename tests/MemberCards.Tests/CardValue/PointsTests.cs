using MemberCards.CardValue;
using MemberCards.Purchases;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.CardValue;

/// <summary>The default rule: 1 point per yuan paid, 100 points = ¥1, at least 100, at most half the bill, expiring at the end of the following year.</summary>
public sealed class PointsTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private CardScenario _shop = null!;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _shop = await CardScenario.CreateAsync(_db);
        await _shop.SetPointsRuleAsync();
    }

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task A_purchase_earns_a_point_per_yuan_paid_rounded_down_once_per_receipt()
    {
        // ¥60 + ¥20 = ¥80 → 80 points; the lot expires at the end of next year.
        await _shop.PayAsync(meals: 1, fromCardMinor: 0, otherMinor: 8_000, coffees: 1);

        Assert.Equal(80, (await _shop.BalancesAsync()).Points);
        var value = await _db.Get<CardValueService>().ValueAsync(_shop.MemberId, TestUsers.Staff, CancellationToken.None);
        Assert.Equal([new ExpiringPoints(new DateOnly(2027, 12, 31), 80)], value!.Expiring);
        await _shop.AssertFiguresCleanAsync();
    }

    [Fact]
    public async Task Excluded_categories_earn_nothing_and_the_rest_is_floored_once()
    {
        await _shop.SetPointsRuleAsync(r => (r.EarnPointsPerYuan, r.ExcludedCategories) = (3, ["咖啡"]));

        await _shop.PayAsync(meals: 1, fromCardMinor: 0, otherMinor: 8_000, coffees: 1);

        Assert.Equal(180, (await _shop.BalancesAsync()).Points);
    }

    [Fact]
    public async Task Points_pay_part_of_the_bill_as_a_discount_and_earning_counts_only_what_was_paid()
    {
        await _shop.PayAsync(meals: 10, fromCardMinor: 0, otherMinor: 60_000);

        // 600 points held; 500 points = ¥5 off a ¥60 bill; ¥55 paid earns 55.
        var purchase = await _shop.PayAsync(meals: 1, fromCardMinor: 0, otherMinor: 5_500, points: 500);

        Assert.Equal(600 - 500 + 55, (await _shop.BalancesAsync()).Points);
        await using var db = _db.Open();
        var saved = await db.Purchases.Include(p => p.Lines).SingleAsync(p => p.Id == purchase);
        Assert.Equal((5_500L, 500L, 55L, 500L), (saved.TotalMinor, saved.PointsRedeemed, saved.PointsEarned, saved.Lines.Single().PointsDiscountMinor));
        Assert.Equal(60_000 + 5_500, (await db.Members.SingleAsync(m => m.Id == _shop.MemberId)).TotalSpentMinor);
        await _shop.AssertFiguresCleanAsync();
    }

    [Fact]
    public async Task The_points_discount_is_spread_over_the_lines_by_largest_remainder_and_adds_up()
    {
        await _shop.PayAsync(meals: 10, fromCardMinor: 0, otherMinor: 60_000);
        var receipt = await _db.Get<PurchaseService>().QuoteAsync(
            new Basket(_shop.MemberId, [new NewPurchaseLine(_shop.MealId, 1), new NewPurchaseLine(_shop.CoffeeId, 1), new NewPurchaseLine(_shop.CoffeeId, 1)], PointsToRedeem: 100),
            TestUsers.Staff, CancellationToken.None);

        // ¥1 over ¥60/¥20/¥20: 60, 20, 20 fen.
        Assert.Equal([-60L, -20L, -20L], receipt.Lines.Select(l => l.AdjustedBy(QuoteStage.PointsAsCash)));
        Assert.Equal(9_900, receipt.AmountDueMinor);
    }

    [Fact]
    public async Task Redeeming_more_than_held_or_than_the_cap_or_below_the_minimum_is_refused_with_the_limit()
    {
        await _shop.PayAsync(meals: 10, fromCardMinor: 0, otherMinor: 60_000);

        var moreThanHeld = await _shop.TryPayAsync(meals: 1, fromCardMinor: 0, otherMinor: 6_000 - 700, points: 700);
        var overCap = await _shop.TryPayAsync(meals: 1, fromCardMinor: 0, otherMinor: 6_000 - 400, points: 400);
        var belowMinimum = await _shop.TryPayAsync(meals: 1, fromCardMinor: 0, otherMinor: 6_000 - 99, points: 99);

        Assert.Equal((Basket.PointsField, MessageCode.PointsRedeemMoreThanHeld, 600L), (moreThanHeld.Errors[0].Field, moreThanHeld.Errors[0].Code, moreThanHeld.Errors[0].Args[0]));
        Assert.Equal(MessageCode.PointsRedeemBelowMinimum, belowMinimum.Errors[0].Code);
        Assert.True(overCap.Succeeded, CardScenario.Describe(overCap.Errors));
        // 600 − 400 + 56 = 256 held; with a 10% cap a ¥20 coffee takes at most ¥2 = 200 points.
        await _shop.SetPointsRuleAsync(r => r.RedeemCapPercent = 10);
        var cap = await _db.Get<PurchaseService>().QuoteAsync(new Basket(_shop.MemberId, [new NewPurchaseLine(_shop.CoffeeId, 1)], PointsToRedeem: 250), TestUsers.Staff, CancellationToken.None);
        var refusal = Assert.Single(cap.Refusals);
        Assert.Equal((MessageCode.PointsRedeemOverCap, 200L, "$2.00"), (refusal.Code, refusal.Args[0], refusal.Args[1]));
    }

    [Fact]
    public async Task Points_are_spent_soonest_expiring_first_and_never_expiring_last()
    {
        await _shop.SetPointsRuleAsync(r => r.Expiry = PointsExpiryPolicy.Never);
        await _shop.PayAsync(meals: 5, fromCardMinor: 0, otherMinor: 30_000);
        await _shop.SetPointsRuleAsync(r => (r.Expiry, r.ExpiryMonths) = (PointsExpiryPolicy.MonthsAfterEarning, 6));
        await _shop.PayAsync(meals: 2, fromCardMinor: 0, otherMinor: 12_000);
        await _shop.SetPointsRuleAsync(r => (r.Expiry, r.ExpiryMonths) = (PointsExpiryPolicy.MonthsAfterEarning, 3));
        await _shop.PayAsync(meals: 1, fromCardMinor: 0, otherMinor: 6_000);

        // 300 never, 120 in six months, 60 in three: 150 points take the 60, then 90 of the 120.
        await _shop.PayAsync(meals: 1, fromCardMinor: 0, otherMinor: 6_000 - 150, points: 150);

        await using var db = _db.Open();
        var lots = await db.PointsLots.OrderBy(l => l.Id).Select(l => l.RemainingPoints).ToListAsync();
        Assert.Equal([300L, 30L, 0L, 58L], lots);
        await _shop.AssertFiguresCleanAsync();
    }

    [Fact]
    public async Task A_lot_can_be_spent_on_its_last_day_and_is_expired_by_the_job_the_day_after_once()
    {
        await _shop.SetPointsRuleAsync(r => (r.Expiry, r.ExpiryMonths) = (PointsExpiryPolicy.MonthsAfterEarning, 1));
        await _shop.PayAsync(meals: 5, fromCardMinor: 0, otherMinor: 30_000);
        var lastDay = (await _db.Get<CardValueService>().ValueAsync(_shop.MemberId, TestUsers.Staff, CancellationToken.None))!.Expiring.Single().LastDay;
        var expiry = _db.Get<PointsExpiry>();

        _db.Clock.UtcNow = _db.Get<StoreClock>().StartOfDayUtc(lastDay).AddHours(20);
        Assert.Equal(0, (await expiry.RunAsync(TestUsers.Manager, CancellationToken.None)).Members);
        await _shop.PayAsync(meals: 1, fromCardMinor: 0, otherMinor: 5_900, points: 100);

        _db.Clock.UtcNow = _db.Get<StoreClock>().StartOfDayUtc(lastDay.AddDays(1)).AddMinutes(1);
        var run = await expiry.RunAsync(TestUsers.Manager, CancellationToken.None);
        var again = await expiry.RunAsync(TestUsers.Manager, CancellationToken.None);

        Assert.Equal((1, 200L), (run.Members, run.Points));
        Assert.Equal(0, again.Members);
        Assert.Equal(59, (await _shop.BalancesAsync()).Points);
        Assert.Equal(-200, (await _shop.LedgerAsync()).Single(e => e.Kind == LedgerKind.Expire).PointsDelta);
        await _shop.AssertFiguresCleanAsync();
    }

    [Fact]
    public async Task The_expiry_on_two_instances_at_once_expires_each_members_lots_once_with_one_entry_each()
    {
        await _shop.SetPointsRuleAsync(r => (r.Expiry, r.ExpiryMonths) = (PointsExpiryPolicy.MonthsAfterEarning, 1));
        var members = new List<int> { _shop.MemberId };
        for (var i = 0; i < 6; i++)
        {
            members.Add(await _db.AddMemberAsync($"Member {i}"));
        }
        foreach (var (member, meals) in members.Select((m, i) => (m, i + 2)))
        {
            await _db.RecordAsync(member, _db.Clock.UtcNow, (_shop.MealId, meals));
        }
        // One member spends part of the lot before it runs out: only the rest expires (with the 59 points that earned).
        await _shop.PayAsync(meals: 1, fromCardMinor: 0, otherMinor: 5_900, points: 100);
        var lastDay = (await _db.Get<CardValueService>().ValueAsync(members[^1], TestUsers.Staff, CancellationToken.None))!.Expiring.Single().LastDay;
        _db.Clock.UtcNow = _db.Get<StoreClock>().StartOfDayUtc(lastDay.AddDays(1)).AddMinutes(1);
        await using var second = _db.NewInstance();

        var runs = await Task.WhenAll(
            _db.Get<PointsExpiry>().RunAsync(TestUsers.Manager, CancellationToken.None),
            Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<PointsExpiry>(second).RunAsync(TestUsers.Manager, CancellationToken.None));

        Assert.Equal((7, (60L * 35) - 100 + 59), (runs.Sum(r => r.Members), runs.Sum(r => r.Points)));
        await using var db = _db.Open();
        Assert.Equal(7, await db.LedgerEntries.CountAsync(e => e.Kind == LedgerKind.Expire));
        Assert.Equal(0, await db.Members.Where(m => members.Contains(m.Id)).SumAsync(m => m.Points));
        await _shop.AssertFiguresCleanAsync();
    }

    [Fact]
    public async Task Voiding_a_purchase_whose_points_were_spent_leaves_them_owed_and_later_earnings_pay_the_debt_first()
    {
        var earning = await _shop.PayAsync(meals: 5, fromCardMinor: 0, otherMinor: 30_000);
        await _shop.PayAsync(meals: 1, fromCardMinor: 0, otherMinor: 6_000 - 200, points: 200);

        await _shop.VoidAsync(earning);

        // 300 earned − 200 spent + 58 earned = 158; the void takes 300 back: 142 owed.
        Assert.Equal(-142, (await _shop.BalancesAsync()).Points);
        await _shop.AssertFiguresCleanAsync();
        await _shop.PayAsync(meals: 3, fromCardMinor: 0, otherMinor: 18_000);
        Assert.Equal(180 - 142, (await _shop.BalancesAsync()).Points);
        await using var db = _db.Open();
        Assert.Equal(38, await db.PointsLots.SumAsync(l => l.RemainingPoints));
        await _shop.AssertFiguresCleanAsync();
    }

    [Fact]
    public async Task Voiding_a_purchase_gives_redeemed_points_back_to_their_lots_except_lots_past_their_last_day()
    {
        await _shop.SetPointsRuleAsync(r => (r.Expiry, r.ExpiryMonths) = (PointsExpiryPolicy.MonthsAfterEarning, 1));
        await _shop.PayAsync(meals: 2, fromCardMinor: 0, otherMinor: 12_000);
        await _shop.SetPointsRuleAsync(r => r.Expiry = PointsExpiryPolicy.Never);
        await _shop.PayAsync(meals: 2, fromCardMinor: 0, otherMinor: 12_000);
        // 200 points: 120 from the lot expiring in a month, 80 from the one that never does.
        var redeeming = await _shop.PayAsync(meals: 1, fromCardMinor: 0, otherMinor: 5_800, points: 200);

        _db.Clock.UtcNow = _db.Clock.UtcNow.AddMonths(2);
        await _db.Get<PointsExpiry>().RunAsync(TestUsers.Manager, CancellationToken.None);
        await _shop.VoidAsync(redeeming);

        // Before the void: 240 − 200 + 58 = 98. The void gives 80 back (the 120 lot is past its day) and takes the 58 earned.
        Assert.Equal(98 + 80 - 58, (await _shop.BalancesAsync()).Points);
        var given = (await _shop.LedgerAsync()).Single(e => e.Kind == LedgerKind.VoidReversal && e.PointsDelta > 0);
        Assert.Equal((80L, LedgerKind.Redeem), (given.PointsDelta, given.ReversesKind!.Value));
        await _shop.AssertFiguresCleanAsync();
    }

    [Fact]
    public async Task A_void_takes_its_earned_points_back_from_lots_its_own_redeemed_points_just_refilled_when_its_own_lot_is_spent()
    {
        await _shop.PayAsync(meals: 10, fromCardMinor: 0, otherMinor: 60_000);
        // All 600 redeemed (the first lot empty), 114 earned; those 114 spent on the next bill, which earns 58.
        var redeemedAll = await _shop.PayAsync(meals: 2, fromCardMinor: 0, otherMinor: 12_000 - 600, points: 600);
        await _shop.PayAsync(meals: 1, fromCardMinor: 0, otherMinor: 6_000 - 114, points: 114);

        await _shop.VoidAsync(redeemedAll);

        // 600 back to the first lot, then the 114 earned taken from it (its own lot is spent): 600 − 114 + 58.
        Assert.Equal(544, (await _shop.BalancesAsync()).Points);
        await using var db = _db.Open();
        Assert.Equal(544, await db.PointsLots.Where(l => l.MemberId == _shop.MemberId).SumAsync(l => l.RemainingPoints));
        await _shop.AssertFiguresCleanAsync();
    }

    [Fact]
    public async Task Without_a_points_rule_nothing_is_earned_and_redeeming_is_refused()
    {
        await using (var db = _db.Open())
        {
            await db.PointsRules.ExecuteDeleteAsync();
        }

        await _shop.PayAsync(meals: 1, fromCardMinor: 0, otherMinor: 6_000);
        var refused = await _shop.TryPayAsync(meals: 1, fromCardMinor: 0, otherMinor: 5_900, points: 100);

        Assert.Equal(0, (await _shop.BalancesAsync()).Points);
        Assert.Equal(MessageCode.PointsRedeemOff, Assert.Single(refused.Errors).Code);
    }
}
