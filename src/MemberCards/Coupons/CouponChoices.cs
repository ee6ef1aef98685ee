using MemberCards.Purchases;

namespace MemberCards.Coupons;

/// <summary>
/// One of the member's coupons as the till shows it for the basket: what it would save now (and forfeit), or why
/// it can't be used ("needs ¥12 more", "from Monday", "add 拿铁 to use it" with the product to add).
/// </summary>
/// <param name="Combines">Its template lets it share a receipt with other coupons (the till adds it rather than swapping).</param>
public sealed record CouponChoice(int CouponId, string Code, string Name, CouponKind Kind, DateOnly ValidTo, long SavingMinor, long ForfeitedMinor,
    FieldError? Why, int? AddProductId, bool Combines)
{
    public bool Usable => Why is null;
}

/// <summary>The member's coupons priced one by one against the basket, usable ones first, the best saving first.</summary>
public static class CouponChoices
{
    public static IReadOnlyList<CouponChoice> For(Basket basket, QuoteContext context)
    {
        ArgumentNullException.ThrowIfNull(basket);
        ArgumentNullException.ThrowIfNull(context);
        var plain = basket with { Tenders = null, PointsToRedeem = 0 };
        return [.. context.Coupons.Select(coupon => Choice(coupon, Quote.Price(plain with { CouponCodes = [coupon.Code] }, context)))
            .OrderBy(c => c.Usable ? 0 : 1).ThenByDescending(c => c.SavingMinor).ThenBy(c => c.ValidTo).ThenBy(c => c.CouponId)];
    }

    private static CouponChoice Choice(HeldCoupon coupon, PricedReceipt receipt)
    {
        var why = receipt.Refusals.FirstOrDefault(r => r.Field == Basket.CouponField(0));
        var applied = receipt.Coupons.SingleOrDefault();
        var addProduct = why?.Code == MessageCode.CouponNeedsProduct ? coupon.Template.FreeProductId : null;
        return new CouponChoice(coupon.Id, coupon.Code, coupon.Template.Name, coupon.Template.Kind, coupon.ValidTo,
            applied?.DiscountMinor ?? 0, applied?.ForfeitedMinor ?? 0, applied is null ? why ?? FieldError.Of(MessageCode.CouponNoEligibleLines) : null, addProduct, coupon.Template.Combines);
    }
}
