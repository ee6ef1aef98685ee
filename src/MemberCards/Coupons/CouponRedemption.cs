using MemberCards.Data;
using MemberCards.Purchases;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Coupons;

/// <summary>
/// The coupon side of a posting and of its void, in the caller's transaction. Redeeming is a conditional update
/// (only while the coupon is still issued): of two tills redeeming one coupon at once, one changes the row and
/// the other finds it redeemed and prices again (<see cref="CouponTakenException"/>).
/// </summary>
internal static class CouponRedemption
{
    /// <summary>Loads the coupons the basket's codes name (whoever holds them, in whatever state) with their templates.</summary>
    public static async Task<IReadOnlyList<HeldCoupon>> ForCodesAsync(MemberCardsDb db, IReadOnlyList<string>? typed, CancellationToken cancellationToken)
    {
        var codes = (typed ?? []).Select(CouponCode.Normalize).OfType<string>().Distinct().ToList();
        if (codes.Count == 0)
        {
            return [];
        }
        return await HeldAsync(db.Coupons.Where(c => codes.Contains(c.Code)), cancellationToken);
    }

    /// <summary>The coupons with their templates, each template's product and minimum tier loaded.</summary>
    public static async Task<IReadOnlyList<HeldCoupon>> HeldAsync(IQueryable<Coupon> coupons, CancellationToken cancellationToken) =>
        [.. (await coupons.AsNoTracking().Include(c => c.Template!.FreeProduct).Include(c => c.Template!.MinTier).ToListAsync(cancellationToken))
            .Select(c => new HeldCoupon(c.Id, c.Code, c.MemberId, c.State, c.ValidFrom, c.ValidTo, c.Template!))];

    public static async Task RedeemAsync(MemberCardsDb db, PricedReceipt receipt, int purchaseId, DateTime at, CancellationToken cancellationToken)
    {
        foreach (var applied in receipt.Coupons)
        {
            var discount = applied.DiscountMinor;
            var changed = await db.Coupons.Where(c => c.Id == applied.CouponId && c.State == CouponState.Issued)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.State, CouponState.Redeemed).SetProperty(c => c.PurchaseId, purchaseId)
                    .SetProperty(c => c.RedeemedAt, at).SetProperty(c => c.DiscountMinor, discount), cancellationToken);
            if (changed == 0)
            {
                throw new CouponTakenException(applied.CouponId);
            }
            Webhooks.WebhookOutbox.Add(db, Webhooks.WebhookEventNames.CouponRedeemed, at, receipt.MemberId,
                new { applied.CouponId, applied.Code, PurchaseId = purchaseId, DiscountMinor = discount });
        }
    }

    /// <summary>A void gives the purchase's coupons back: issued again while still valid on <paramref name="today"/>, else expired.</summary>
    public static async Task ReturnAsync(MemberCardsDb db, int purchaseId, DateOnly today, DateTime now, string by, CancellationToken cancellationToken)
    {
        var redeemed = db.Coupons.Where(c => c.PurchaseId == purchaseId && c.State == CouponState.Redeemed);
        await redeemed.Where(c => c.ValidTo >= today).ExecuteUpdateAsync(set => set.SetProperty(c => c.State, CouponState.Issued)
            .SetProperty(c => c.PurchaseId, (int?)null).SetProperty(c => c.RedeemedAt, (DateTime?)null).SetProperty(c => c.DiscountMinor, 0L), cancellationToken);
        await redeemed.ExecuteUpdateAsync(set => set.SetProperty(c => c.State, CouponState.Expired)
            .SetProperty(c => c.PurchaseId, (int?)null).SetProperty(c => c.RedeemedAt, (DateTime?)null).SetProperty(c => c.DiscountMinor, 0L)
            .SetProperty(c => c.EndedAt, now).SetProperty(c => c.EndedBy, by), cancellationToken);
    }
}

/// <summary>Another till redeemed the coupon between our quote and our write; the caller prices again and is refused.</summary>
public sealed class CouponTakenException(int couponId) : Exception($"Coupon {couponId} was redeemed while this purchase was being written.")
{
    public int CouponId { get; } = couponId;
}
