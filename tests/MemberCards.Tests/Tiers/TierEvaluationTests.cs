using MemberCards.CardValue;
using MemberCards.Tiers;

namespace MemberCards.Tests.Tiers;

/// <summary>Known answers on hand-built histories: when a member goes up, stays, comes down, and why it says so.</summary>
public sealed class TierEvaluationTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 3, 20);
    private TestDatabase _db = null!;
    private TierScenario _shop = null!;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _shop = await TierScenario.CreateAsync(_db);
    }

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task The_rolling_year_ends_today_a_purchase_on_the_same_day_a_year_ago_is_outside_and_the_day_after_inside()
    {
        var onTheDay = await _db.AddMemberAsync("On the day");
        var dayAfter = await _db.AddMemberAsync("Day after");
        await _db.RecordAsync(onTheDay, _shop.At(Today.AddYears(-1)), (_shop.MealId, 10));
        await _db.RecordAsync(dayAfter, _shop.At(Today.AddYears(-1).AddDays(1)), (_shop.MealId, 10));

        await using var context = _db.Open();
        var clock = _db.Get<StoreClock>();
        Assert.Equal(0, (await TierMeasuring.OfMemberAsync(context, clock, onTheDay, Today, CancellationToken.None)).RollingYearSpendMinor);
        Assert.Equal(100_000, (await TierMeasuring.OfMemberAsync(context, clock, dayAfter, Today, CancellationToken.None)).RollingYearSpendMinor);
        Assert.Equal(100_000, (await TierMeasuring.OfMemberAsync(context, clock, onTheDay, Today, CancellationToken.None)).LifetimeSpendMinor);
    }

    [Fact]
    public async Task The_purchase_that_crosses_a_threshold_is_priced_at_the_tier_before_and_the_member_is_upgraded_at_once()
    {
        var ada = await _db.AddMemberAsync();
        await _db.RecordAsync(ada, _shop.At(Today.AddDays(-10)), (_shop.MealId, 6));
        var crossing = await _db.RecordAsync(ada, _shop.At(Today), (_shop.MealId, 4));
        var next = await _db.RecordAsync(ada, _shop.At(Today), (_shop.MealId, 1));

        Assert.Equal(40_000, (await _shop.PurchaseAsync(crossing)).TotalMinor);
        Assert.Equal(new TierStanding(TestTiers.Silver, Today.AddMonths(12)), await _shop.StandingAsync(ada));
        var change = Assert.Single(await _shop.HistoryAsync(ada));
        Assert.Equal((TierChangeKind.Upgraded, TestTiers.Bronze, TestTiers.Silver, 100_000L, (int?)crossing), (change.Kind, change.FromTierId!.Value, change.ToTierId, change.MeasureMinor, change.PurchaseId));
        // 9.8折 from the next purchase on.
        var priced = await _shop.PurchaseAsync(next);
        Assert.Equal((9_800L, 200L), (priced.TotalMinor, priced.Lines.Single().MemberDiscountMinor));
    }

    [Fact]
    public async Task Voiding_the_purchase_that_caused_an_upgrade_withdraws_it_to_the_tier_and_date_held_before()
    {
        var ada = await _db.AddMemberAsync();
        await _db.RecordAsync(ada, _shop.At(Today.AddDays(-30)), (_shop.MealId, 10));
        var gold = await _db.RecordAsync(ada, _shop.At(Today.AddDays(-1)), (_shop.MealId, 21));
        Assert.Equal(TestTiers.Gold, (await _shop.StandingAsync(ada)).TierId);

        var voided = await _db.Get<MemberCards.Purchases.PurchaseService>().VoidAsync(gold, "Wrong member", TestUsers.Manager, CancellationToken.None);

        Assert.True(voided.Succeeded);
        Assert.Equal(new TierStanding(TestTiers.Silver, Today.AddDays(-30).AddMonths(12)), await _shop.StandingAsync(ada));
        var history = await _shop.HistoryAsync(ada);
        Assert.Equal([TierChangeKind.Upgraded, TierChangeKind.Upgraded, TierChangeKind.Withdrawn], history.Select(h => h.Kind));
        Assert.Equal((TestTiers.Gold, TestTiers.Silver, (int?)gold), (history[^1].FromTierId!.Value, history[^1].ToTierId, history[^1].PurchaseId));
    }

    [Fact]
    public async Task A_void_that_leaves_the_measure_above_the_threshold_keeps_the_tier()
    {
        var ada = await _db.AddMemberAsync();
        var small = await _db.RecordAsync(ada, _shop.At(Today.AddDays(-3)), (_shop.CookieId, 1));
        await _db.RecordAsync(ada, _shop.At(Today.AddDays(-2)), (_shop.MealId, 12));

        Assert.True((await _db.Get<MemberCards.Purchases.PurchaseService>().VoidAsync(small, "Typo", TestUsers.Manager, CancellationToken.None)).Succeeded);

        Assert.Equal(TestTiers.Silver, (await _shop.StandingAsync(ada)).TierId);
        Assert.Single(await _shop.HistoryAsync(ada));
    }

    [Theory]
    [InlineData(TierDowngrade.OneStep, TestTiers.Silver)]
    [InlineData(TierDowngrade.ToQualifying, TestTiers.Bronze)]
    public async Task At_the_kept_until_date_a_measure_short_of_the_tier_moves_the_member_down_as_the_setting_says(TierDowngrade downgrade, int expected)
    {
        _db.Options.Tiers.Downgrade = downgrade;
        var ada = await _db.AddMemberAsync();
        await _db.RecordAsync(ada, _shop.At(Today), (_shop.MealId, 30));
        var keptUntil = Today.AddMonths(12);

        Assert.Equal(new TierReviewRun(keptUntil, 0, 0, 0), await _shop.ReviewOnAsync(keptUntil));
        var run = await _shop.ReviewOnAsync(keptUntil.AddDays(1));

        // The purchase on the day Gold was reached is a year old on the kept-until date: outside the 12 months.
        Assert.Equal(new TierReviewRun(keptUntil.AddDays(1), 1, 0, 1), run);
        var standing = await _shop.StandingAsync(ada);
        Assert.Equal(expected, standing.TierId);
        Assert.Equal(expected == TestTiers.Bronze ? null : keptUntil.AddMonths(12), standing.KeptUntil);
        Assert.Equal(TierChangeKind.Downgraded, (await _shop.HistoryAsync(ada))[^1].Kind);
        Assert.Equal(0, (await _shop.ReviewOnAsync(keptUntil.AddDays(1))).Due);
    }

    [Fact]
    public async Task One_top_up_of_the_threshold_reaches_a_top_up_tier_at_once_and_its_void_withdraws_it()
    {
        var ada = await _db.AddMemberAsync();
        var topUp = await _db.Get<TopUpService>().RecordAsync(new NewTopUp(ada, 500_000, PaymentMethod.WeChatPay), TestUsers.Staff, CancellationToken.None);

        Assert.Equal(new TierStanding(TestTiers.Platinum, Today.AddMonths(12)), await _shop.StandingAsync(ada));
        Assert.Equal((int?)topUp.Value!.TopUpId, (await _shop.HistoryAsync(ada)).Single().TopUpId);

        Assert.True((await _db.Get<TopUpService>().VoidAsync(topUp.Value.TopUpId, "Paid by the wrong card", TestUsers.Manager, CancellationToken.None)).Succeeded);
        Assert.Equal(new TierStanding(TestTiers.Bronze, null), await _shop.StandingAsync(ada));
    }

    [Fact]
    public async Task The_amount_the_member_page_says_is_left_to_keep_a_tier_is_exactly_what_the_review_then_asks()
    {
        var keeps = await _db.AddMemberAsync("Keeps");
        var misses = await _db.AddMemberAsync("Misses");
        foreach (var member in new[] { keeps, misses })
        {
            await _db.RecordAsync(member, _shop.At(Today), (_shop.MealId, 30));
            await _db.RecordAsync(member, _shop.At(Today.AddMonths(6)), (_shop.MealId, 3));
        }
        _db.Clock.UtcNow = _shop.At(Today.AddMonths(11));
        var outlook = (await _db.Get<MemberTierService>().OutlookAsync(keeps, TestUsers.Staff, CancellationToken.None))!;
        // Gold until a year from today; the ¥3,000 of today falls out by then, the ¥285 of month six stays (9.5折).
        Assert.Equal((TierPreset.Gold, Today.AddMonths(12), 300_000L - 28_500), (outlook.Held.Preset!.Value, outlook.KeptUntil!.Value, outlook.ToKeepMinor));
        Assert.Equal((TierPreset.Platinum, TierMeasure.SingleTopUp, 500_000L), (outlook.Next!.Value.Preset!.Value, outlook.NextMeasure!.Value, outlook.ToNextMinor));

        // Gift cards keep their list price at Gold, so a gift card of exactly that amount is that much spend.
        _db.Options.MaxUnitPriceMinor = 1_000_000;
        await _db.RecordAsync(keeps, _shop.At(Today.AddMonths(11)), (await _shop.GiftCardAsync(outlook.ToKeepMinor), 1));
        await _db.RecordAsync(misses, _shop.At(Today.AddMonths(11)), (await _shop.GiftCardAsync(outlook.ToKeepMinor - 1), 1));
        var run = await _shop.ReviewOnAsync(Today.AddMonths(12).AddDays(1));

        Assert.Equal((2, 1, 1), (run.Due, run.Renewed, run.Downgraded));
        Assert.Equal(new TierStanding(TestTiers.Gold, Today.AddMonths(24)), await _shop.StandingAsync(keeps));
        Assert.Equal(TestTiers.Silver, (await _shop.StandingAsync(misses)).TierId);
    }

    [Fact]
    public async Task A_tier_set_by_hand_is_a_floor_until_its_end_date_and_a_top_up_still_lifts_the_member_past_it()
    {
        var ada = await _db.AddMemberAsync();
        var service = _db.Get<MemberTierService>();
        var refused = await service.SetByHandAsync(ada, TestTiers.Gold, " ", Today.AddDays(-1), TestUsers.Manager, CancellationToken.None);
        Assert.Equal([MessageCode.ReasonRequired, MessageCode.TierManualEndInPast], refused.Errors.Select(e => e.Code));
        Assert.Equal(new TierStanding(TestTiers.Bronze, null), await _shop.StandingAsync(ada));

        var end = Today.AddDays(30);
        Assert.True((await service.SetByHandAsync(ada, TestTiers.Gold, "Regular since 2019", end, TestUsers.Manager, CancellationToken.None)).Succeeded);
        Assert.Equal(0, (await _shop.ReviewOnAsync(end)).Due);
        Assert.Equal(TestTiers.Gold, (await _shop.StandingAsync(ada)).TierId);
        Assert.Equal(("Regular since 2019", TierChangeKind.SetByHand), ((await _shop.HistoryAsync(ada))[^1].Reason!, (await _shop.HistoryAsync(ada))[^1].Kind));

        await _db.Get<TopUpService>().RecordAsync(new NewTopUp(ada, 500_000, PaymentMethod.Cash), TestUsers.Staff, CancellationToken.None);
        Assert.Equal(TestTiers.Platinum, (await _shop.StandingAsync(ada)).TierId);
    }

    [Fact]
    public async Task The_review_on_two_instances_at_once_moves_each_member_once()
    {
        var members = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            members.Add(await _db.AddMemberAsync($"Member {i}"));
            await _db.RecordAsync(members[^1], _shop.At(Today), (_shop.MealId, 10 + i));
        }
        var day = Today.AddMonths(12).AddDays(1);
        _db.Clock.UtcNow = _shop.At(day, 3);
        await using var second = _db.NewInstance();

        var runs = await Task.WhenAll(
            _db.Get<TierReview>().RunAsync(TestUsers.Manager, CancellationToken.None),
            Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<TierReview>(second).RunAsync(TestUsers.Manager, CancellationToken.None));

        Assert.Equal(5, runs.Sum(r => r.Downgraded));
        foreach (var member in members)
        {
            Assert.Equal(TestTiers.Bronze, (await _shop.StandingAsync(member)).TierId);
            Assert.Single(await _shop.HistoryAsync(member), h => h.Kind == TierChangeKind.Downgraded);
        }
    }
}
