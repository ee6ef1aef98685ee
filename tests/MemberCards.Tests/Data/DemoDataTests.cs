using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MemberCards.Coupons;
using MemberCards.Data;
using MemberCards.Members;
using MemberCards.Purchases;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.Data;

public sealed class DemoDataTests
{
    private static readonly DemoDataOptions Small = new() { Members = 150, Purchases = 2_500, Seed = 7 };

    private sealed record Totals(int Members, int Products, int Purchases, int Voids, long Spend, int Lines, string FirstCard);

    [Fact]
    public async Task The_same_seed_and_clock_give_the_same_data()
    {
        var first = await GenerateAsync(Small);
        var second = await GenerateAsync(Small);
        var otherSeed = await GenerateAsync(new DemoDataOptions { Members = 150, Purchases = 2_500, Seed = 8 });

        Assert.Equal(first, second);
        Assert.NotEqual(first.Spend, otherSeed.Spend);
        Assert.Equal((150, 40), (first.Members, first.Products));
        // The card holders pay part of the history from their cards: no purchases of their own. The campaign's
        // coupons redeemed since it was issued add their purchases (DemoCoupons).
        Assert.Equal(2_539, first.Purchases);
        Assert.InRange(first.Voids, 1, 100);
    }

    [Fact]
    public async Task Stored_member_figures_equal_figures_recomputed_from_purchases()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Get<DemoData>().GenerateAsync(Small, CancellationToken.None);
        await using var context = db.Open();

        var recomputed = await context.Purchases.Where(p => p.VoidedAt == null)
            .GroupBy(p => p.MemberId)
            .Select(g => new { MemberId = g.Key, Count = g.Count(), Spend = g.Sum(p => p.TotalMinor), Last = g.Max(p => p.PurchasedAt) })
            .ToDictionaryAsync(g => g.MemberId);
        var lineTotals = await context.PurchaseLines.SumAsync(l => l.UnitPriceMinor * l.Quantity - l.MemberDiscountMinor - l.CouponDiscountMinor - l.PointsDiscountMinor);
        var purchaseTotals = await context.Purchases.SumAsync(p => p.TotalMinor);
        var members = await context.Members.AsNoTracking().ToListAsync();

        Assert.Equal(lineTotals, purchaseTotals);
        Assert.All(members, m =>
        {
            var expected = recomputed.GetValueOrDefault(m.Id);
            Assert.Equal(expected?.Count ?? 0, m.PurchaseCount);
            Assert.Equal(expected?.Spend ?? 0, m.TotalSpentMinor);
            Assert.Equal(expected?.Last, m.LastPurchaseAt);
        });
    }

    [Fact]
    public async Task Revenue_buckets_equal_the_non_void_purchases_grouped_by_quarter_hour()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Get<DemoData>().GenerateAsync(Small, CancellationToken.None);
        await using var context = db.Open();

        var fromPurchases = await context.Database.SqlQueryRaw<BucketRow>(
            "SELECT \"PurchasedAt\" / 900000 * 900000 AS \"StartMs\", SUM(\"TotalMinor\") AS \"RevenueMinor\", COUNT(*) AS \"Purchases\" FROM \"Purchases\" WHERE \"VoidedAt\" IS NULL GROUP BY 1 ORDER BY 1")
            .ToListAsync();
        var stored = await context.RevenueBuckets.Where(b => b.Purchases != 0).OrderBy(b => b.StartMs)
            .Select(b => new BucketRow(b.StartMs, b.RevenueMinor, b.Purchases)).ToListAsync();

        Assert.NotEmpty(stored);
        Assert.Equal(fromPurchases, stored);
        Assert.False(await context.RevenueBuckets.AnyAsync(b => b.Purchases == 0 && b.RevenueMinor != 0));
    }

    private sealed record BucketRow(long StartMs, long RevenueMinor, int Purchases);

    [Fact]
    public async Task A_fill_that_fails_at_the_end_leaves_an_empty_database_that_fills_again()
    {
        await using var db = await TestDatabase.CreateAsync();
        // The load's audit entry comes after the catalog, members and purchases: failing it fails the fill late.
        await db.FailWritesAsync("fail_load", "AuditEntries", "INSERT", "purchases.loaded");

        await Assert.ThrowsAnyAsync<Exception>(() => db.Get<DemoData>().GenerateAsync(Small, CancellationToken.None));

        Assert.True(await db.Get<DemoData>().IsEmptyAsync(CancellationToken.None));
        await using (var context = db.Open())
        {
            Assert.Equal(0, await context.Purchases.CountAsync() + await context.Members.CountAsync() + await context.Products.CountAsync());
        }
        await db.StopFailingAsync("fail_load", "AuditEntries");
        await db.Get<DemoData>().GenerateAsync(Small, CancellationToken.None);
        Assert.Empty(await db.Get<MemberCards.Purchases.FiguresCheck>().FindMismatchesAsync(TestUsers.Manager, CancellationToken.None));
    }

    [Fact]
    public async Task Demo_purchases_fall_after_the_member_joined_and_before_now()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Get<DemoData>().GenerateAsync(Small, CancellationToken.None);
        await using var context = db.Open();

        Assert.False(await context.Purchases.AnyAsync(p => p.PurchasedAt < p.Member!.JoinedAt || p.PurchasedAt > TestDatabase.DefaultNow));
        var heaviest = await context.Members.MaxAsync(m => m.TotalSpentMinor);
        var median = (await context.Members.OrderBy(m => m.TotalSpentMinor).Select(m => m.TotalSpentMinor).ToListAsync())[75];
        Assert.True(heaviest > 5 * median, "a few heavy spenders stand out");
    }

    [Fact]
    public async Task The_english_profile_gives_exactly_the_data_it_gave_before_the_chinese_one_existed()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Get<DemoData>().GenerateAsync(Small, CancellationToken.None);

        // The fingerprint of every member, product, purchase and line as the fill wrote them before profiles existed
        // (412D812A… then), changed on purpose twice since: the bills card holders paid partly with points carry
        // card value (their totals and net amounts are lower by the points' cash value; with no points redeemed it
        // was 412D812A… still), tiers follow the store's rules (each member's tier is the one their history
        // reaches, no longer a share of members by rank: 25CA5413…), and the demo sets its thresholds from its own
        // spend (only tiers moved: the history is priced before they are set: 509631A1…), and coupons: the campaign's
        // redemptions add purchases at member price less the coupon (85068DE2…), and members' habits: baskets from
        // kinds of visit, a visit rhythm, some lapsing (DemoVisits). Tests and the benchmark depend on the English
        // demo as it is.
        Assert.Equal("7B237F3FD85576903A2F615635E81A255DED23462568EE417ED6F785DCFCACEA", await FingerprintAsync(db));
    }

    [Fact]
    public async Task The_chinese_profile_fills_a_chinese_cafe_with_chinese_members_and_mobiles()
    {
        await using var db = await TestDatabase.CreateAsync(timeZone: "Asia/Shanghai", region: MemberCardsOptions.China);
        await db.Get<DemoData>().GenerateAsync(new DemoDataOptions { Members = 1_000, Purchases = 3_000, Seed = 7 }, CancellationToken.None);
        await using var context = db.Open();
        var members = await context.Members.AsNoTracking().ToListAsync();
        var products = await context.Products.AsNoTracking().ToListAsync();

        Assert.All(members, m => Assert.Matches(@"^\p{IsCJKUnifiedIdeographs}{2,4}$", m.Name));
        Assert.All(members, m => Assert.True(PhoneNumber.IsChineseMobile(m.Phone), m.Phone));
        Assert.All(members, m => Assert.Equal(Pinyin.Of(m.Name), new PinyinName(m.SearchPinyin!, m.SearchInitials!)));
        var surnames = members.GroupBy(m => m.Name[..1]).OrderByDescending(g => g.Count()).Select(g => g.Key).ToList();
        Assert.Subset(surnames.Take(7).ToHashSet(), new HashSet<string> { "王", "李", "张", "刘", "陈" });
        Assert.Contains(members, m => m.Name.StartsWith('单') && m.SearchPinyin!.StartsWith("shan", StringComparison.Ordinal));
        Assert.Contains(members, m => m.Name.StartsWith('曾') && m.SearchPinyin!.StartsWith("zeng", StringComparison.Ordinal));
        Assert.Subset(products.Select(p => p.Name).ToHashSet(), new HashSet<string> { "美式咖啡", "拿铁", "牛肉面", "小笼包" });
        Assert.Subset(products.Select(p => p.Category).ToHashSet(), new HashSet<string> { "咖啡", "茶饮", "面食", "点心" });
        Assert.All(await context.Purchases.Where(p => p.VoidReason != null).Select(p => p.VoidReason!).ToListAsync(), r => Assert.Matches(@"^\p{IsCJKUnifiedIdeographs}+$", r));
        Assert.Empty(await db.Get<FiguresCheck>().FindMismatchesAsync(TestUsers.Manager, CancellationToken.None));
    }

    [Fact]
    public async Task The_demo_campaign_issued_its_coupons_with_a_control_group_and_some_were_redeemed_at_the_till()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Get<DemoData>().GenerateAsync(Small, CancellationToken.None);

        var templates = await db.Get<CouponTemplateService>().ListAsync(TestUsers.Manager, CancellationToken.None);
        Assert.Equal([CouponKind.AmountOff, CouponKind.PercentOff, CouponKind.FreeProduct, CouponKind.Voucher], templates.OrderBy(t => t.Id).Select(t => t.Kind));
        Assert.Equal(CouponTrigger.Joining, templates.Single(t => t.Kind == CouponKind.Voucher).Trigger);
        var campaign = Assert.Single(await db.Get<CouponResultsService>().ListAsync(TestUsers.Manager, CancellationToken.None));
        Assert.Equal((CouponSource.Segment, "Top 200 spenders, 90 days"), (campaign.Source, campaign.SegmentName));
        Assert.InRange(campaign.Redeemed, 1, campaign.Issued - 1);
        Assert.True(campaign.RevenueMinor > campaign.DiscountMinor && campaign.DiscountMinor == 500L * campaign.Redeemed, "each redemption took $5 off a basket over $25");
        var (_, lift) = (await db.Get<CouponResultsService>().ForIssueAsync(campaign.IssueId, TestUsers.Manager, CancellationToken.None))!.Value;
        Assert.Equal((campaign.Issued + campaign.ControlMembers) / 10.0, lift!.ControlMembers, tolerance: 1);
        Assert.True(lift.IncrementalSpendMinor > 0, "the coupon group spent more per member than the control group");
        Assert.NotEmpty(await db.Get<CouponExpiry>().ExpiringSoonAsync(TestUsers.Manager, CancellationToken.None));
        Assert.Empty(await db.Get<FiguresCheck>().FindMismatchesAsync(TestUsers.Manager, CancellationToken.None));
    }

    [Theory]
    [InlineData(DemoDataOptions.EnglishProfile, "America/New_York")]
    [InlineData(DemoDataOptions.ChineseProfile, "Asia/Shanghai")]
    public async Task The_demo_sets_its_thresholds_from_its_own_spend_so_the_tiers_make_a_pyramid_kept_until_dates_spread_over_the_year(string profile, string timeZone)
    {
        await using var db = await TestDatabase.CreateAsync(timeZone: timeZone);
        await db.Get<DemoData>().GenerateAsync(new DemoDataOptions { Members = 1_000, Purchases = 8_000, Seed = 7, Profile = profile }, CancellationToken.None);
        await using var context = db.Open();
        var today = db.Get<StoreClock>().Today;

        var open = await context.Members.Where(m => m.Status != MemberStatus.Closed).Select(m => new { m.Tier!.Rank, m.TierKeptUntil }).ToListAsync();
        var shares = Enumerable.Range(0, 4).Select(rank => 100.0 * open.Count(m => m.Rank == rank) / open.Count).ToList();
        Assert.InRange(shares[0], 50, 70);
        Assert.InRange(shares[1], 18, 32);
        Assert.InRange(shares[2], 8, 17);
        Assert.InRange(shares[3], 1.5, 6);
        var thresholds = await context.Tiers.OrderBy(t => t.Rank).Select(t => t.ThresholdMinor).ToListAsync();
        Assert.Equal(thresholds.Order(), thresholds);
        // Kept for 12 months from the day each member reached the tier: dates through the coming year, not one day.
        var keptUntil = open.Where(m => m.Rank > 0).Select(m => m.TierKeptUntil!.Value).ToList();
        Assert.All(keptUntil, d => Assert.InRange(d, today.AddDays(1), today.AddMonths(12)));
        Assert.True(keptUntil.Distinct().Count() > 100, $"{keptUntil.Distinct().Count()} kept-until dates");
        Assert.Empty(await db.Get<FiguresCheck>().FindMismatchesAsync(TestUsers.Manager, CancellationToken.None));
    }

    /// <summary>
    /// Every member, product, purchase and line of the history, and each member's figures over it: the fields the
    /// fill wrote before card value existed (tenders, points and the card's ledger are checked by the tests below).
    /// </summary>
    private static async Task<string> FingerprintAsync(TestDatabase db)
    {
        await using var context = db.Open();
        var history = await context.Purchases.OrderBy(p => p.Id).ToListAsync();
        var figures = history.Where(p => p.VoidedAt == null).GroupBy(p => p.MemberId)
            .ToDictionary(g => g.Key, g => (Count: g.Count(), Spent: g.Sum(p => p.TotalMinor), Last: (DateTime?)g.Max(p => p.PurchasedAt)));
        var text = new StringBuilder();
        foreach (var m in await context.Members.OrderBy(m => m.Id).ToListAsync())
        {
            var f = figures.GetValueOrDefault(m.Id);
            text.AppendLine(CultureInfo.InvariantCulture, $"{m.Id}|{m.CardNumber}|{m.Name}|{m.SearchName}|{m.Email}|{m.Phone}|{m.TierId}|{m.JoinedAt:O}|{m.MarketingOptIn}|{f.Count}|{f.Spent}|{f.Last:O}");
        }
        foreach (var p in await context.Products.OrderBy(p => p.Id).ToListAsync())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{p.Id}|{p.Name}|{p.Category}|{p.UnitPriceMinor}");
        }
        foreach (var p in history)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{p.Id}|{p.MemberId}|{p.PurchasedAt:O}|{p.TotalMinor}|{p.RecordedBy}|{p.VoidedAt:O}|{p.VoidReason}");
        }
        var historyIds = history.Select(p => p.Id).ToHashSet();
        foreach (var l in (await context.PurchaseLines.OrderBy(l => l.Id).ToListAsync()).Where(l => historyIds.Contains(l.PurchaseId)))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{l.Id}|{l.PurchaseId}|{l.ProductId}|{l.ProductName}|{l.Quantity}|{l.UnitPriceMinor}|{l.NetMinor}");
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    [Fact]
    public async Task About_a_third_of_the_members_top_up_and_pay_from_their_cards_with_points_earned_and_every_balance_equal_to_its_ledger()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Get<DemoData>().GenerateAsync(Small, CancellationToken.None);
        await using var context = db.Open();

        var toppedUp = await context.TopUps.Select(t => t.MemberId).Distinct().CountAsync();
        Assert.InRange(toppedUp, 150 * 20 / 100, 150 * 40 / 100);
        Assert.True(await context.PurchaseTenders.AnyAsync(t => t.Method == MemberCards.CardValue.PaymentMethod.StoredValue));
        Assert.True(await context.TopUps.AnyAsync(t => t.BonusMinor > 0));
        Assert.True(await context.Members.AnyAsync(m => m.Points > 0));
        Assert.Empty(await db.Get<FiguresCheck>().FindMismatchesAsync(TestUsers.Manager, CancellationToken.None));
    }

    private static async Task<Totals> GenerateAsync(DemoDataOptions options)
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Get<DemoData>().GenerateAsync(options, CancellationToken.None);
        await using var context = db.Open();
        return new Totals(
            await context.Members.CountAsync(),
            await context.Products.CountAsync(),
            await context.Purchases.CountAsync(),
            await context.Purchases.CountAsync(p => p.VoidedAt != null),
            await context.Members.SumAsync(m => m.TotalSpentMinor),
            await context.PurchaseLines.CountAsync(),
            await context.Members.OrderBy(m => m.Id).Select(m => m.CardNumber).FirstAsync());
    }
}
