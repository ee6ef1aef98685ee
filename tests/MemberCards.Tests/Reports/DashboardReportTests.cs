using MemberCards.Campaigns;
using MemberCards.Members;
using MemberCards.Purchases;
using MemberCards.Reports;
using MemberCards.Tiers;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.Reports;

/// <summary>
/// A hand-built week in New York (EDT, UTC−4): "now" is Friday 20 March 2026, 11:00 local. Every expected figure
/// below is worked out by hand from the purchases in <see cref="InitializeAsync"/>.
/// </summary>
public sealed class DashboardReportTests : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 3, 20, 15, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = new(2026, 3, 20);
    private static readonly CancellationToken None = CancellationToken.None;
    private TestDatabase _db = null!;
    private int _ann, _ben, _cat, _latte, _bagel, _mug;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(Now, "America/New_York");
        (_ann, _ben, _cat) = (await _db.AddMemberAsync("Ann"), await _db.AddMemberAsync("Ben"), await _db.AddMemberAsync("Cat"));
        (_latte, _bagel, _mug) = (await _db.AddProductAsync("Latte", 450, "Coffee"), await _db.AddProductAsync("Bagel", 300, "Food"), await _db.AddProductAsync("Mug", 1200, "Merch"));
        await _db.RecordAsync(_ann, Local(2026, 3, 20, 10, 0), (_latte, 2));                 // today: 900
        await _db.RecordAsync(_ben, Local(2026, 3, 20, 9, 0), (_bagel, 1), (_latte, 1));     // today: 750
        await _db.RecordAsync(_ann, Local(2026, 3, 19, 10, 30), (_mug, 1));                  // yesterday before 11:00: 1200
        await _db.RecordAsync(_cat, Local(2026, 3, 19, 23, 30), (_bagel, 2));                // yesterday 23:30 (03:30 UTC today): 600
        var voided = await _db.RecordAsync(_ben, Local(2026, 3, 20, 8, 0), (_mug, 3));       // today, voided: never counts
        await _db.RecordAsync(_cat, Local(2026, 3, 16, 12, 0), (_latte, 4));                 // Monday: 1800
        await _db.RecordAsync(_ann, Local(2026, 3, 2, 12, 0), (_bagel, 1));                  // this month: 300
        await _db.RecordAsync(_ben, Local(2026, 3, 13, 10, 0), (_latte, 1));                 // last week, Friday 10:00: 450
        await _db.RecordAsync(_ann, Local(2026, 2, 10, 12, 0), (_mug, 1));                   // last month: 1200
        Assert.True((await _db.Get<PurchaseService>().VoidAsync(voided, "Wrong member", TestUsers.Manager, None)).Succeeded);

        await using var db = _db.Open();
        await db.Members.Where(m => m.Id == _ann).ExecuteUpdateAsync(s => s.SetProperty(m => m.JoinedAt, Local(2026, 1, 15, 9, 0)));
        await db.Members.Where(m => m.Id == _ben).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.JoinedAt, Local(2026, 2, 25, 9, 0)).SetProperty(m => m.Status, MemberStatus.Closed));
        await db.Members.Where(m => m.Id == _cat).ExecuteUpdateAsync(s => s.SetProperty(m => m.TierId, TestTiers.Gold));
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private static DateTime Local(int year, int month, int day, int hour, int minute) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, month, day, hour, minute, 0), TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));

    private static DashboardRange LastDays(int days) => DashboardRange.LastDays(Today, days);

    [Fact]
    public async Task Kpis_compare_each_period_with_the_previous_one_up_to_the_same_time_and_leave_voids_out()
    {
        var kpis = await _db.Get<KpiReport>().LoadAsync(LastDays(7), TestUsers.Manager, None);

        Assert.Equal(new KpiFigure(1650, 1200), kpis.RevenueToday);          // yesterday after 11:00 (the 23:30 purchase) is not "so far"
        Assert.Equal(new KpiFigure(2, 1), kpis.PurchasesToday);
        Assert.Equal(new KpiFigure(5250, 450), kpis.RevenueThisWeek);
        Assert.Equal(new KpiFigure(5250 + 300 + 450, 1200), kpis.RevenueThisMonth);
        Assert.Equal(new KpiFigure(5250 / 5, 450), kpis.AverageBasket);
        Assert.Equal(new KpiFigure(3, 3), kpis.ActiveMembers);
        Assert.Equal(new KpiFigure(1, 0), kpis.NewMembersThisMonth);        // Ben joined on 25 February, after the 20th
    }

    [Fact]
    public async Task Revenue_over_time_follows_local_days_weeks_and_months_with_empty_ones_as_zero()
    {
        var report = _db.Get<ActivityReport>();

        var days = await report.RevenueOverTimeAsync(LastDays(7), Granularity.Day, TestUsers.Manager, None);
        var weeks = await report.RevenueOverTimeAsync(LastDays(7), Granularity.Week, TestUsers.Manager, None);
        var months = await report.RevenueOverTimeAsync(LastDays(60), Granularity.Month, TestUsers.Manager, None);

        Assert.Equal([0, 0, 1800, 0, 0, 1800, 1650], days.Select(d => d.RevenueMinor));
        Assert.Equal(new RevenuePoint(new DateOnly(2026, 3, 19), 1800, 2), days[5]);
        Assert.Equal([new RevenuePoint(new DateOnly(2026, 3, 9), 0, 0), new RevenuePoint(new DateOnly(2026, 3, 16), 5250, 5)], weeks);
        Assert.Equal([new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 1)], months.Select(m => m.Start));
        Assert.Equal([0, 1200, 5550 + 450], months.Select(m => m.RevenueMinor));
    }

    [Fact]
    public async Task Products_and_categories_count_the_lines_of_non_void_purchases_on_local_days()
    {
        var report = _db.Get<SalesMixReport>();

        var week = await report.ProductsAsync(LastDays(7), TestUsers.Manager, None);
        // Two days: Thursday is partly a UTC day at the range's start (read from the lines), Friday a whole UTC day (read from the daily sums).
        var twoDays = await report.ProductsAsync(LastDays(2), TestUsers.Manager, None);
        // Today only: the purchase at 23:30 yesterday (03:30 UTC today) stays out.
        var today = await report.ProductsAsync(LastDays(1), TestUsers.Manager, None);

        Assert.Equal([("Latte", 3150L, 7), ("Mug", 1200L, 1), ("Bagel", 900L, 3)], week.Select(p => (p.Product, p.RevenueMinor, p.Quantity)));
        Assert.Equal([new CategorySales("Coffee", 3150), new CategorySales("Merch", 1200), new CategorySales("Food", 900)], SalesMixReport.ByCategory(week));
        Assert.Equal([("Latte", 1350L), ("Mug", 1200L), ("Bagel", 900L)], twoDays.Select(p => (p.Product, p.RevenueMinor)));
        Assert.Equal([("Latte", 1350L), ("Bagel", 300L)], today.Select(p => (p.Product, p.RevenueMinor)));
    }

    [Fact]
    public async Task Top_members_rank_spend_in_the_range_as_the_campaigns_page_does()
    {
        var report = _db.Get<SalesMixReport>();

        var top = await report.TopMembersAsync(LastDays(7), 10, TestUsers.Manager, None);
        var campaigns = (await _db.Get<SegmentService>().PageAsync(new SegmentCriteria { PeriodDays = 7, Top = 10 }, 0, 10, false, TestUsers.Manager, None)).Rows;

        Assert.Equal([(_cat, "Cat", 2400L, 2), (_ann, "Ann", 2100L, 2), (_ben, "Ben", 750L, 1)], top.Select(m => (m.MemberId, m.Name, m.SpendMinor, m.Purchases)));
        Assert.Equal(campaigns.Select(c => (c.MemberId, c.SpendMinor, c.Purchases)), top.Select(m => (m.MemberId, m.SpendMinor, m.Purchases)));
    }

    [Fact]
    public async Task Walking_members_by_total_spend_ranks_exactly_as_grouping_the_purchases()
    {
        var report = _db.Get<SalesMixReport>();
        var grouped = await report.TopMembersAsync(LastDays(30), 2, TestUsers.Manager, None);

        report.DirectGroupingLimit = 0;
        report.WalkBatch = 1;
        var walked = await report.TopMembersAsync(LastDays(30), 2, TestUsers.Manager, None);

        Assert.Equal([(_ann, 2400L), (_cat, 2400L)], grouped.Select(m => (m.MemberId, m.SpendMinor))); // a tie: the lower member id first
        Assert.Equal(grouped, walked);
    }

    [Fact]
    public async Task Purchases_by_weekday_and_hour_follow_the_store_clock()
    {
        var cells = await _db.Get<ActivityReport>().PurchasesByHourAsync(LastDays(7), TestUsers.Manager, None);

        Assert.Equal([new HourCell(0, 12, 1), new HourCell(3, 10, 1), new HourCell(3, 23, 1), new HourCell(4, 9, 1), new HourCell(4, 10, 1)], cells);
    }

    [Fact]
    public async Task Members_by_tier_leave_closed_memberships_out_and_new_members_count_per_local_month()
    {
        var report = _db.Get<ActivityReport>();

        var tiers = await report.MembersByTierAsync(TestUsers.Manager, None);
        var joined = await report.NewMembersByMonthAsync(LastDays(90), TestUsers.Manager, None);

        Assert.Equal([(TierPreset.Bronze, 1), (TierPreset.Silver, 0), (TierPreset.Gold, 1), (TierPreset.Platinum, 0)], tiers.Select(t => (t.Tier.Preset!.Value, t.Members)));
        Assert.Equal([0, 1, 1, 1], joined.Select(m => m.Members));
        Assert.Equal(new DateOnly(2025, 12, 1), joined[0].Month);
    }

    [Fact]
    public async Task Voiding_a_purchase_takes_it_out_of_every_figure()
    {
        var report = _db.Get<DashboardReport>();
        var before = await report.LoadAsync(LastDays(1), Granularity.Day, TestUsers.Manager, None);
        var todays = await _db.Open().Purchases.Where(p => p.MemberId == _ann && p.VoidedAt == null).OrderByDescending(p => p.PurchasedAt).Select(p => p.Id).FirstAsync();

        await _db.Get<PurchaseService>().VoidAsync(todays, "Refund", TestUsers.Manager, None);
        var after = await report.LoadAsync(LastDays(1), Granularity.Day, TestUsers.Manager, None);

        Assert.Equal((1650L, 750L), (before.Kpis.RevenueToday.Current, after.Kpis.RevenueToday.Current));
        Assert.Equal([750L], after.Revenue.Select(r => r.RevenueMinor));
        Assert.Equal([("Latte", 450L), ("Bagel", 300L)], after.TopProducts.Select(p => (p.Product, p.RevenueMinor)));
        Assert.Equal([_ben], after.TopMembers.Select(m => m.MemberId));
        Assert.Equal([new HourCell(4, 9, 1)], after.PurchasesByHour);
    }

    [Fact]
    public async Task An_empty_shop_shows_zeros_everywhere_and_no_one_ranked()
    {
        await using var empty = await TestDatabase.CreateAsync(Now);

        var figures = await empty.Get<DashboardReport>().LoadAsync(LastDays(30), Granularity.Week, TestUsers.Manager, None);

        Assert.Equal(new DashboardKpis(new(0, 0), new(0, 0), new(0, 0), new(0, 0), new(0, 0), new(0, 0), new(0, 0)), figures.Kpis);
        Assert.All(figures.Revenue, r => Assert.Equal(0, r.RevenueMinor));
        Assert.Equal(5, figures.Revenue.Count);
        Assert.Empty(figures.Categories);
        Assert.Empty(figures.TopProducts);
        Assert.Empty(figures.TopMembers);
        Assert.Empty(figures.PurchasesByHour);
        Assert.All(figures.Tiers, t => Assert.Equal(0, t.Members));
        Assert.All(figures.NewMembers, m => Assert.Equal(0, m.Members));
    }

    [Fact]
    public async Task Active_members_now_are_compared_with_those_active_at_the_end_of_yesterday()
    {
        await using var db = await TestDatabase.CreateAsync(Now, "America/New_York");
        var coffee = await db.AddProductAsync("Coffee", 300);
        var (newToday, lapsedA, lapsedB, regular, voidedOnly) =
            (await db.AddMemberAsync("Dan"), await db.AddMemberAsync("Eve"), await db.AddMemberAsync("Eli"), await db.AddMemberAsync("Fay"), await db.AddMemberAsync("Hal"));
        await db.RecordAsync(newToday, Local(2026, 3, 20, 9, 0), (coffee, 1));       // active since today only
        await db.RecordAsync(lapsedA, Local(2025, 12, 20, 12, 0), (coffee, 1));      // day −90: active yesterday, not now
        await db.RecordAsync(lapsedB, Local(2025, 12, 20, 23, 30), (coffee, 1));
        await db.RecordAsync(regular, Local(2026, 2, 18, 12, 0), (coffee, 1));       // both
        await db.RecordAsync(regular, Local(2026, 3, 20, 10, 0), (coffee, 1));
        var voided = await db.RecordAsync(voidedOnly, Local(2026, 3, 20, 8, 0), (coffee, 1));
        await db.Get<PurchaseService>().VoidAsync(voided, "Mistake", TestUsers.Manager, None);

        var kpis = await db.Get<KpiReport>().LoadAsync(LastDays(7), TestUsers.Manager, None);

        Assert.Equal(new KpiFigure(Current: 2, Previous: 3), kpis.ActiveMembers);
    }

    [Fact]
    public async Task Staff_may_not_read_the_dashboard()
    {
        await Assert.ThrowsAsync<MemberCards.Accounts.AccessDeniedException>(() =>
            _db.Get<DashboardReport>().LoadAsync(LastDays(7), Granularity.Day, TestUsers.Staff, None));
    }
}
