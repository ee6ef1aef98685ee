using MemberCards.Purchases;

namespace MemberCards.Coupons;

/// <summary>
/// The coupon step (优惠券), after the member price: each code the till typed or scanned is checked (check digit,
/// the member's own, still issued, in its dates and days, the member's tier, combining) and its discount, worked out
/// on the eligible lines after member price, is spread over them (ARCHITECTURE.md, "Coupons"). A refused code is
/// refused at its field; the rest of the receipt is priced as if it were not there.
/// </summary>
public sealed class CouponStep : IQuoteStep
{
    public QuoteStage Stage => QuoteStage.Coupon;

    public void Apply(QuoteDraft draft, QuoteContext context)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(context);
        var codes = draft.Basket.CouponCodes ?? [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < codes.Count; i++)
        {
            var field = Basket.CouponField(i);
            if (Find(codes[i], draft.Basket.MemberId, context, out var coupon) is { } notFound)
            {
                draft.Refusals.Add(new FieldError(field, notFound.Code, notFound.Args));
                continue;
            }
            if (!seen.Add(coupon!.Code))
            {
                draft.Refusals.Add(new FieldError(field, MessageCode.CouponTwice));
                continue;
            }
            if (codes.Count > 1 && !coupon.Template.Combines)
            {
                draft.Refusals.Add(new FieldError(field, MessageCode.CouponDoesNotCombine));
                continue;
            }
            var worth = CouponValue.Of(coupon, draft.Lines, context);
            if (worth.Refusal is { } refusal)
            {
                draft.Refusals.Add(new FieldError(field, refusal.Code, refusal.Args));
                continue;
            }
            draft.Allocate(Stage, coupon.Code, worth.DiscountMinor, worth.Applies);
            draft.Coupons.Add(new AppliedCoupon(coupon.Id, coupon.Code, worth.DiscountMinor, worth.ForfeitedMinor));
        }
    }

    /// <summary>The member's coupon with this code, or why not (malformed, mistyped, unknown, another member's).</summary>
    private static FieldError? Find(string typed, int? memberId, QuoteContext context, out HeldCoupon? coupon)
    {
        coupon = null;
        if (CouponCode.Normalize(typed) is not { } digits)
        {
            return FieldError.Of(MessageCode.CouponCodeMalformed, CouponCode.Length);
        }
        if (!CouponCode.HasValidCheckDigit(digits))
        {
            return FieldError.Of(MessageCode.CouponCodeMistyped);
        }
        coupon = context.Coupons.FirstOrDefault(c => c.Code == digits);
        if (coupon is null)
        {
            return FieldError.Of(MessageCode.CouponUnknown);
        }
        return coupon.MemberId != memberId ? FieldError.Of(MessageCode.CouponOtherMember) : null;
    }
}
