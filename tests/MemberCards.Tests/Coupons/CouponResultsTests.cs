using MemberCards.Coupons;

namespace MemberCards.Tests.Coupons;

/// <summary>Campaign results on a hand-built history: redemptions, revenue, discount, and the lift over the control group.</summary>
public sealed class CouponResultsTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private CouponScenario _shop = null!;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider: TestProvider.Current);
        _shop = await CouponScenario.CreateAsync(_db);
    }

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task An_issue_reports_redemptions_revenue_discount_and_the_coupon_groups_spend_beyond_the_control_groups()
    {
        var buyers = await _shop.BuyersAsync(10);
        var segment = await _shop.SegmentOfBuyersAsync();
        var template = await _shop.AmountOffAsync(5_000, 1_000);
        var issued = (await _db.Get<CouponIssueService>().IssueToSegmentAsync(template.Id, segment, 20, TestUsers.Marketing, CancellationToken.None)).Value!;
        var control = new HashSet<int>();
        await using (var context = _db.Open())
        {
            control.UnionWith(context.CouponControlMembers.Where(c => c.IssueId == issued.IssueId).Select(c => c.MemberId));
        }
        var couponGroup = buyers.Where(b => !control.Contains(b)).ToList();

        // Two of the eight redeem on ¥60 baskets (¥50 each after the coupon); one control member buys a ¥30 meal; a
        // ninth purchase of the coupon group is voided and counts nowhere.
        foreach (var member in couponGroup.Take(2))
        {
            await using var context = _db.Open();
            var code = context.Coupons.Single(c => c.MemberId == member && c.IssueId == issued.IssueId).Code;
            Assert.True((await _shop.RecordAsync(member, [code], (_shop.MealId, 2))).Succeeded);
        }
        await _db.RecordAsync(control.First(), _db.Clock.UtcNow, (_shop.MealId, 1));
        var voided = await _db.RecordAsync(couponGroup[3], _db.Clock.UtcNow, (_shop.MealId, 5));
        Assert.True((await _db.Get<MemberCards.Purchases.PurchaseService>().VoidAsync(voided, "test", TestUsers.Manager, CancellationToken.None)).Succeeded);

        var (result, lift) = (await _db.Get<CouponResultsService>().ForIssueAsync(issued.IssueId, TestUsers.Marketing, CancellationToken.None))!.Value;

        Assert.Equal((8, 2, 10_000L, 2_000L, 2), (result.Issued, result.Redeemed, result.RevenueMinor, result.DiscountMinor, result.ControlMembers));
        Assert.Equal(0.25, result.RedemptionRate);
        // Coupon group: ¥100 over 8 members; control: ¥30 over 2 = ¥15 each, ¥120 at the coupon group's size: −¥20.
        Assert.Equal(new IssueLift(_shop.Today, _shop.Today, 8, 10_000, 2, 3_000), lift);
        Assert.Equal(-2_000, lift!.IncrementalSpendMinor);
        var listed = Assert.Single(await _db.Get<CouponResultsService>().ListAsync(TestUsers.Manager, CancellationToken.None));
        Assert.Equal(result, listed);
    }
}
