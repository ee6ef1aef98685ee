namespace MemberCards.Coupons;

/// <summary>A coupon named at the till, as the quote reads it: its own state and dates and its template's rules.</summary>
public sealed record HeldCoupon(int Id, string Code, int MemberId, CouponState State, DateOnly ValidFrom, DateOnly ValidTo, CouponTemplate Template);

/// <summary>A coupon a receipt uses: what it took off, and what it was worth beyond the lines it applies to (forfeited).</summary>
public sealed record AppliedCoupon(int CouponId, string Code, long DiscountMinor, long ForfeitedMinor);
