using System.Globalization;
using MemberCards.Coupons;
using MemberCards.Purchases;
using MemberCards.Tests.Tiers;

namespace MemberCards.Tests.Coupons;

/// <summary>Known answers for each kind of coupon at the till, after the member price, with the discount spread fen-exact over the lines.</summary>
public sealed class CouponQuoteTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private CouponScenario _shop = null!;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _shop = await CouponScenario.CreateAsync(_db);
    }

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    private string Yuan(long minor) => Money.Format(minor, CultureInfo.GetCultureInfo(_db.Options.Culture));

    private static FieldError Refusal(PricedReceipt receipt, int index = 0) => Assert.Single(receipt.Refusals, r => r.Field == Basket.CouponField(index));

    /// <summary>A member at Gold (9.5折): ¥3,000 spent three days ago.</summary>
    private async Task<int> GoldMemberAsync()
    {
        await TierScenario.SaveLadderAsync(_db, TierScenario.Ladder);
        var ada = await _db.AddMemberAsync();
        await _db.RecordAsync(ada, _db.Clock.UtcNow.AddDays(-3), (_shop.MealId, 100));
        return ada;
    }

    [Fact]
    public async Task Amount_off_checks_its_threshold_after_member_price_and_spreads_by_largest_remainder()
    {
        var ada = await GoldMemberAsync();
        var code = await _shop.GiveAsync((await _shop.AmountOffAsync(10_000, 1_000, "满100减10")).Id, ada);

        // At 9.5折: meal 3000 → 2850; cakes 6666 → 6332.7 → 6333; lattes 3600 → 3420; base 12603 ≥ 10000.
        var receipt = await _shop.QuoteAsync(ada, code, (_shop.MealId, 1), (_shop.CakeId, 2), (_shop.LatteId, 2));

        Assert.Empty(receipt.Refusals);
        Assert.Equal([2_850L, 6_333L, 3_420L], receipt.Lines.Select(l => l.ListMinor + l.AdjustedBy(QuoteStage.MemberPrice)));
        // 1000 × 2850/12603 = 226.1, × 6333/12603 = 502.5, × 3420/12603 = 271.4: floors add to 999, the last fen to the largest remainder.
        Assert.Equal([-226L, -503L, -271L], receipt.Lines.Select(l => l.AdjustedBy(QuoteStage.Coupon)));
        Assert.Equal((1_000L, 11_603L), (receipt.CouponDiscountMinor, receipt.AmountDueMinor));
        Assert.Equal(new AppliedCoupon((await _shop.CouponAsync(code)).Id, code, 1_000, 0), Assert.Single(receipt.Coupons));

        // ¥96 list is ¥91.20 at member price: ¥8.80 short of ¥100, though the list amount alone would not say so.
        var shortOf = await _shop.QuoteAsync(ada, code, (_shop.MealId, 2), (_shop.LatteId, 2));
        var refusal = Refusal(shortOf);
        Assert.Equal((MessageCode.CouponNeedsMore, Yuan(880), Yuan(10_000)), (refusal.Code, refusal.Args[0], refusal.Args[1]));
        Assert.Equal(9_120, shortOf.AmountDueMinor);
    }

    [Fact]
    public async Task Percent_off_rounds_half_up_on_its_eligible_lines_and_stops_at_its_cap()
    {
        var ada = await _db.AddMemberAsync();
        var capped = await _shop.TemplateAsync(new CouponTemplateInput(0, 0, "8折最高减20", CouponKind.PercentOff, PercentOff: 20, CapMinor: 2_000));
        var coffeeOnly = await _shop.TemplateAsync(new CouponTemplateInput(0, 0, "咖啡8折", CouponKind.PercentOff, PercentOff: 20, Categories: ["Coffee"]));

        // 20% of ¥150 is ¥30, capped at ¥20.
        var big = await _shop.QuoteAsync(ada, await _shop.GiveAsync(capped.Id, ada), (_shop.MealId, 5));
        Assert.Equal((2_000L, 13_000L), (big.CouponDiscountMinor, big.AmountDueMinor));

        // Only the cake is coffee: 20% of 3333 = 666.6 → 667; the meal keeps its price.
        var cake = await _shop.QuoteAsync(ada, await _shop.GiveAsync(coffeeOnly.Id, ada), (_shop.MealId, 1), (_shop.CakeId, 1));
        Assert.Equal([0L, -667L], cake.Lines.Select(l => l.AdjustedBy(QuoteStage.Coupon)));
    }

    [Fact]
    public async Task A_voucher_worth_more_than_its_base_gives_the_whole_base_and_says_what_is_forfeited()
    {
        var ada = await _db.AddMemberAsync();
        var voucher = await _shop.TemplateAsync(new CouponTemplateInput(0, 0, "代金券50", CouponKind.Voucher, AmountOffMinor: 5_000, Categories: ["Coffee"]));
        var code = await _shop.GiveAsync(voucher.Id, ada);

        var receipt = await _shop.QuoteAsync(ada, code, (_shop.LatteId, 1), (_shop.MealId, 1));

        // The latte (¥18) is all the voucher applies to: ¥18 off, ¥32 given up; the meal is paid in full.
        Assert.Equal((1_800L, 3_000L), (receipt.CouponDiscountMinor, receipt.AmountDueMinor));
        Assert.Equal(3_200, Assert.Single(receipt.Coupons).ForfeitedMinor);

        var noCoffee = await _shop.QuoteAsync(ada, code, (_shop.MealId, 1));
        Assert.Equal(MessageCode.CouponNoEligibleLines, Refusal(noCoffee).Code);
    }

    [Fact]
    public async Task A_free_product_coupon_makes_one_of_it_free_at_member_price_and_without_it_says_what_to_add()
    {
        var ada = await GoldMemberAsync();
        var latte = await _shop.TemplateAsync(new CouponTemplateInput(0, 0, "拿铁兑换券", CouponKind.FreeProduct, FreeProductId: _shop.LatteId));
        var code = await _shop.GiveAsync(latte.Id, ada);

        var without = await _shop.QuoteAsync(ada, code, (_shop.MealId, 1));
        var refusal = Refusal(without);
        Assert.Equal((MessageCode.CouponNeedsProduct, "Latte", (object?)_shop.LatteId), (refusal.Code, refusal.Args[0], refusal.Args[1]));

        // Three lattes at 9.5折: 5400 → 5130; one of them free: 1710.
        var three = await _shop.QuoteAsync(ada, code, (_shop.MealId, 1), (_shop.LatteId, 3));
        Assert.Equal([0L, -1_710L], three.Lines.Select(l => l.AdjustedBy(QuoteStage.Coupon)));
        Assert.Equal(2_850 + 3_420, three.AmountDueMinor);
    }

    [Fact]
    public async Task A_code_is_refused_at_its_field_when_mistyped_unknown_another_members_or_not_valid_today()
    {
        var ada = await _db.AddMemberAsync("Ada");
        var bo = await _db.AddMemberAsync("Bo");
        var template = await _shop.AmountOffAsync(5_000, 1_000);
        var adas = await _shop.GiveAsync(template.Id, ada);
        var mistyped = adas[..^1] + (char)('0' + ((adas[^1] - '0' + 1) % 10));
        // Valid on Mondays only; the clock stands on a Friday.
        var mondays = await _shop.TemplateAsync(new CouponTemplateInput(0, 0, "周一券", CouponKind.Voucher, AmountOffMinor: 500, Weekdays: 1 << (int)DayOfWeek.Monday));
        var fromTomorrow = await _shop.TemplateAsync(new CouponTemplateInput(0, 0, "明天起", CouponKind.Voucher, AmountOffMinor: 500,
            ValidFrom: _shop.Today.AddDays(1), ValidTo: _shop.Today.AddDays(10)));
        var goldOnly = await _shop.TemplateAsync(new CouponTemplateInput(0, 0, "金卡专享", CouponKind.Voucher, AmountOffMinor: 500, MinTierId: TestTiers.Gold));

        async Task<FieldError> RefusedAsync(int member, string code) => Refusal(await _shop.QuoteAsync(member, code, (_shop.MealId, 2)));

        Assert.Equal(MessageCode.CouponCodeMistyped, (await RefusedAsync(ada, mistyped)).Code);
        Assert.Equal(MessageCode.CouponCodeMalformed, (await RefusedAsync(ada, "1234")).Code);
        Assert.Equal(MessageCode.CouponUnknown, (await RefusedAsync(ada, CouponCode.For(99_999))).Code);
        Assert.Equal(MessageCode.CouponOtherMember, (await RefusedAsync(bo, adas)).Code);
        Assert.Equal(new FieldError(Basket.CouponField(0), MessageCode.CouponNotToday, DayOfWeek.Monday), await RefusedAsync(ada, await _shop.GiveAsync(mondays.Id, ada)));
        Assert.Equal(new FieldError(Basket.CouponField(0), MessageCode.CouponNotYetValid, _shop.Today.AddDays(1)), await RefusedAsync(ada, await _shop.GiveAsync(fromTomorrow.Id, ada)));
        Assert.Equal(MessageCode.CouponTierTooLow, (await RefusedAsync(ada, await _shop.GiveAsync(goldOnly.Id, ada))).Code);
        // Typed with spaces, as printed, it is the same code.
        Assert.Empty((await _shop.QuoteAsync(ada, CouponCode.Format(adas), (_shop.MealId, 2))).Refusals);
    }

    [Fact]
    public async Task One_coupon_per_receipt_unless_both_combine_and_then_each_applies_after_the_one_before()
    {
        var ada = await _db.AddMemberAsync();
        var single = await _shop.AmountOffAsync(5_000, 1_000);
        var combining = await _shop.TemplateAsync(new CouponTemplateInput(0, 0, "可叠加5元", CouponKind.Voucher, AmountOffMinor: 500, Combines: true));
        var first = await _shop.GiveAsync(single.Id, ada);
        var second = await _shop.GiveAsync(combining.Id, ada);
        var third = await _shop.GiveAsync(combining.Id, ada);

        var refused = await _db.Get<PurchaseService>().QuoteAsync(CouponScenario.Basket(ada, [first, second], (_shop.MealId, 2)), TestUsers.Staff, CancellationToken.None);
        Assert.Equal(MessageCode.CouponDoesNotCombine, refused.Refusals.Single().Code);

        var both = await _db.Get<PurchaseService>().QuoteAsync(CouponScenario.Basket(ada, [second, third], (_shop.MealId, 2)), TestUsers.Staff, CancellationToken.None);
        Assert.Equal((1_000L, 5_000L), (both.CouponDiscountMinor, both.AmountDueMinor));

        var twice = await _db.Get<PurchaseService>().QuoteAsync(CouponScenario.Basket(ada, [second, second], (_shop.MealId, 2)), TestUsers.Staff, CancellationToken.None);
        Assert.Equal(MessageCode.CouponTwice, Refusal(twice, 1).Code);
    }
}
