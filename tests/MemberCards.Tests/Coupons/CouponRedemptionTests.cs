using MemberCards.Coupons;
using MemberCards.Purchases;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.Coupons;

/// <summary>A coupon redeems once with its purchase, whatever the concurrency, and a void gives it back (or expires it).</summary>
public sealed class CouponRedemptionTests : IAsyncLifetime
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
    public async Task A_recorded_purchase_redeems_the_coupon_keeps_each_lines_share_and_a_second_use_is_refused()
    {
        var ada = await _db.AddMemberAsync();
        var code = await _shop.GiveAsync((await _shop.AmountOffAsync(5_000, 1_000)).Id, ada);

        var recorded = await _shop.RecordAsync(ada, [code], (_shop.MealId, 1), (_shop.CakeId, 1));

        Assert.True(recorded.Succeeded);
        var coupon = await _shop.CouponAsync(code);
        Assert.Equal((CouponState.Redeemed, recorded.Value!.PurchaseId, 1_000L), (coupon.State, coupon.PurchaseId, coupon.DiscountMinor));
        await using (var context = _db.Open())
        {
            var purchase = await context.Purchases.Include(p => p.Lines).SingleAsync(p => p.Id == recorded.Value.PurchaseId);
            // 1000 × 3000/6333 = 473.7 and × 3333/6333 = 526.3: 474 + 526.
            Assert.Equal([(474L, 2_526L), (526L, 2_807L)], purchase.Lines.Select(l => (l.CouponDiscountMinor, l.NetMinor)));
            Assert.Equal(5_333, purchase.TotalMinor);
            Assert.Equal(5_333, (await context.Members.SingleAsync(m => m.Id == ada)).TotalSpentMinor);
        }

        var again = await _shop.RecordAsync(ada, [code], (_shop.MealId, 2));
        Assert.Equal(MessageCode.CouponAlreadyRedeemed, Assert.Single(again.Errors).Code);
        Assert.Empty(await _db.Get<FiguresCheck>().FindMismatchesAsync(TestUsers.Manager, CancellationToken.None));
        await using (var context = _db.Open())
        {
            await context.Coupons.Where(c => c.Code == code).ExecuteUpdateAsync(set => set.SetProperty(c => c.DiscountMinor, 999));
            await context.CouponTemplates.ExecuteUpdateAsync(set => set.SetProperty(t => t.IssuedCount, 2));
        }
        Assert.Equal([(Figure.CouponTemplateIssued, 2L, 1L), (Figure.PurchaseCouponDiscount, 999L, 1_000L)],
            (await _db.Get<FiguresCheck>().FindMismatchesAsync(TestUsers.Manager, CancellationToken.None)).Select(m => (m.Figure, m.Stored!.Value, m.Actual!.Value)));
    }

    [Fact]
    public async Task Two_tills_redeeming_one_coupon_at_once_record_one_purchase()
    {
        var ada = await _db.AddMemberAsync();
        var code = await _shop.GiveAsync((await _shop.AmountOffAsync(5_000, 1_000)).Id, ada);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => _shop.RecordAsync(ada, [code], (_shop.MealId, 2)))));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(MessageCode.CouponAlreadyRedeemed, Assert.Single(r.Errors).Code));
        await using var context = _db.Open();
        Assert.Equal(1, await context.Purchases.CountAsync(p => p.MemberId == ada));
        Assert.Equal(results.Single(r => r.Succeeded).Value!.PurchaseId, (await _shop.CouponAsync(code)).PurchaseId);
    }

    [Fact]
    public async Task A_void_returns_a_still_valid_coupon_to_issued_and_one_past_its_last_day_to_expired()
    {
        var ada = await _db.AddMemberAsync();
        var template = await _shop.TemplateAsync(new CouponTemplateInput(0, 0, "三天券", CouponKind.Voucher, AmountOffMinor: 500, ValidDays: 3));
        var kept = await _shop.GiveAsync(template.Id, ada);
        var lapsing = await _shop.GiveAsync(template.Id, ada);
        var purchases = _db.Get<PurchaseService>();
        var first = (await _shop.RecordAsync(ada, [kept], (_shop.MealId, 1))).Value!.PurchaseId;
        var second = (await _shop.RecordAsync(ada, [lapsing], (_shop.MealId, 1))).Value!.PurchaseId;

        Assert.True((await purchases.VoidAsync(first, "wrong member", TestUsers.Manager, CancellationToken.None)).Succeeded);
        Assert.Equal((CouponState.Issued, (int?)null, 0L), ((await _shop.CouponAsync(kept)).State, (await _shop.CouponAsync(kept)).PurchaseId, (await _shop.CouponAsync(kept)).DiscountMinor));

        // Valid today and the next two days; voided on the fourth day it has lapsed.
        _db.Clock.UtcNow = _db.Clock.UtcNow.AddDays(3);
        Assert.True((await purchases.VoidAsync(second, "wrong member", TestUsers.Manager, CancellationToken.None)).Succeeded);
        Assert.Equal(CouponState.Expired, (await _shop.CouponAsync(lapsing)).State);
        // The returned coupon can be used again (while valid): the void was the exact reverse.
        _db.Clock.UtcNow = _db.Clock.UtcNow.AddDays(-2);
        Assert.True((await _shop.RecordAsync(ada, [kept], (_shop.MealId, 1))).Succeeded);
        // Every count and discount the coupons keep still equals what they are made of.
        Assert.Empty(await _db.Get<FiguresCheck>().FindMismatchesAsync(TestUsers.Manager, CancellationToken.None));
    }
}
