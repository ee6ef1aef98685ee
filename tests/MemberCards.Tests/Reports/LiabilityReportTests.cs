using MemberCards.CardValue;
using MemberCards.Purchases;
using MemberCards.Reports;
using MemberCards.Tests.CardValue;

namespace MemberCards.Tests.Reports;

/// <summary>
/// The liability report over a known shop in Shanghai, today 20 March 2026. Points: 1 a yuan, 100 = ¥1, expiring
/// one month after earning (three for the last purchase). 张三 (A) tops up ¥500 under 充500送80 on 25 February and pays
/// a ¥60 meal from the card (¥51.72 principal, ¥8.28 bonus), earning 60 points to 25 March; on 19 March tops up ¥100,
/// voided today; today pays ¥120 and ¥20 in cash (120 points to 20 April, 20 to 20 June). 李四 (B) on 19 March tops
/// up ¥100, pays a ¥60 meal from it (60 points), redeems them on a ¥20 coffee paid ¥19.40 in cash (19 points);
/// today the meal is voided: ¥60 back, 60 points taken back of the 19 held: 41 owed.
/// </summary>
public sealed class LiabilityReportTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 3, 20);

    private TestDatabase _db = null!;
    private CardScenario _shop = null!;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(timeZone: "Asia/Shanghai");
        _shop = await CardScenario.CreateAsync(_db);
    }

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    private Task<CardLiability> LoadAsync(Granularity granularity = Granularity.Day) =>
        _db.Get<LiabilityReport>().LoadAsync(DashboardRange.LastDays(Today, 30), granularity, TestUsers.Manager, CancellationToken.None);

    private async Task BuildShopAsync()
    {
        await _shop.AddTopUpRuleAsync(50_000, bonusMinor: 8_000);
        await _shop.SetPointsRuleAsync(r => (r.EarnPointsPerYuan, r.RedeemPointsPerYuan, r.RedeemMinimumPoints, r.Expiry, r.ExpiryMonths) = (1, 100, 0, PointsExpiryPolicy.MonthsAfterEarning, 1));
        var now = _db.Clock.UtcNow;
        var b = await _db.AddMemberAsync("李四");

        _db.Clock.UtcNow = new DateTime(2026, 2, 25, 4, 0, 0, DateTimeKind.Utc);
        await _shop.TopUpAsync(50_000);
        await _shop.PayAsync(meals: 1, fromCardMinor: 6_000);

        _db.Clock.UtcNow = new DateTime(2026, 3, 19, 2, 0, 0, DateTimeKind.Utc);
        var voided = await _shop.TopUpAsync(10_000);
        Assert.True((await _shop.TryTopUpAsync(10_000, memberId: b)).Succeeded);
        var meal = await PayAsync(b, [new NewPurchaseLine(_shop.MealId, 1)], 0, new Tender(PaymentMethod.StoredValue, 6_000));
        await PayAsync(b, [new NewPurchaseLine(_shop.CoffeeId, 1)], 60, new Tender(PaymentMethod.Cash, 1_940));

        _db.Clock.UtcNow = now;
        Assert.True((await _db.Get<TopUpService>().VoidAsync(voided.TopUpId, "Wrong card", TestUsers.Manager, CancellationToken.None)).Succeeded);
        await _shop.VoidAsync(meal);
        await _shop.PayAsync(meals: 2, fromCardMinor: 0, otherMinor: 12_000);
        await _shop.SetPointsRuleAsync(r => (r.EarnPointsPerYuan, r.RedeemPointsPerYuan, r.RedeemMinimumPoints, r.Expiry, r.ExpiryMonths) = (1, 100, 0, PointsExpiryPolicy.MonthsAfterEarning, 3));
        await _shop.PayAsync(meals: 0, fromCardMinor: 0, otherMinor: 2_000, coffees: 1);
        await _shop.AssertFiguresCleanAsync();
    }

    private async Task<int> PayAsync(int memberId, IReadOnlyList<NewPurchaseLine> lines, long points, params Tender[] tenders)
    {
        var result = await _db.Get<PurchaseService>().RecordAsync(new NewPurchase(memberId, lines, PointsToRedeem: points, Tenders: tenders), TestUsers.Staff, CancellationToken.None);
        Assert.True(result.Succeeded, CardScenario.Describe(result.Errors));
        return result.Value!.PurchaseId;
    }

    [Fact]
    public async Task Outstanding_value_and_points_are_what_the_cards_hold_now()
    {
        await BuildShopAsync();

        var report = await LoadAsync();

        // A: ¥500 − ¥51.72 = ¥448.28 principal, ¥80 − ¥8.28 = ¥71.72 bonus; B: ¥100 principal (the meal given back).
        Assert.Equal((54_828L, 7_172L, 2L), (report.PrincipalMinor, report.BonusMinor, report.MembersWithValue));
        // A holds 60 + 120 + 20 points, worth ¥2.00 at 100 a yuan; B owes 41.
        Assert.Equal((200L, (long?)200, 41L, 1L), (report.PointsHeld, report.PointsCashValueMinor, report.PointsOwed, report.MembersOwing));
    }

    [Fact]
    public async Task Points_expiring_within_30_60_and_90_days_add_up_by_their_last_day()
    {
        await BuildShopAsync();

        var report = await LoadAsync();

        // Last days 25 March (60 points), 20 April (120), 20 June (20: past the 90 days, which end on 17 June).
        Assert.Equal([
            new ExpiringPointsWindow(30, new DateOnly(2026, 4, 18), 60, 60),
            new ExpiringPointsWindow(60, new DateOnly(2026, 5, 18), 180, 180),
            new ExpiringPointsWindow(90, new DateOnly(2026, 6, 17), 180, 180)], report.Expiring);
    }

    [Fact]
    public async Task Top_ups_and_card_payments_count_on_their_local_day_and_voids_on_the_day_they_were_made()
    {
        await BuildShopAsync();

        var report = await LoadAsync();

        Assert.Equal(30, report.Flow.Count);
        Assert.Equal([
            new CardFlowPoint(new DateOnly(2026, 2, 25), 50_000, 8_000, 6_000),
            new CardFlowPoint(new DateOnly(2026, 3, 19), 20_000, 0, 6_000),
            new CardFlowPoint(Today, -10_000, 0, -6_000)], report.Flow.Where(f => f != new CardFlowPoint(f.Start, 0, 0, 0)));
        var weeks = (await LoadAsync(Granularity.Week)).Flow;
        Assert.Equal(new CardFlowPoint(new DateOnly(2026, 2, 23), 50_000, 8_000, 6_000), weeks.Single(w => w.Start == new DateOnly(2026, 2, 23)));
        Assert.Equal(new CardFlowPoint(new DateOnly(2026, 3, 16), 10_000, 0, 0), weeks.Single(w => w.Start == new DateOnly(2026, 3, 16)));
    }

    [Fact]
    public async Task A_shop_without_cards_or_a_points_rule_owes_nothing_and_its_points_have_no_cash_value()
    {
        var report = await LoadAsync();

        Assert.Equal(new CardLiability(0, 0, 0, 0, null, 0, 0, report.Expiring, report.Flow), report);
        Assert.All(report.Expiring, e => Assert.Equal((0L, (long?)null), (e.Points, e.CashValueMinor)));
        Assert.All(report.Flow, f => Assert.Equal(new CardFlowPoint(f.Start, 0, 0, 0), f));
    }

    [Fact]
    public async Task Only_managers_read_the_liability_report()
    {
        await Assert.ThrowsAsync<MemberCards.Accounts.AccessDeniedException>(() =>
            _db.Get<LiabilityReport>().LoadAsync(DashboardRange.LastDays(Today, 30), Granularity.Day, TestUsers.Marketing, CancellationToken.None));
    }
}
