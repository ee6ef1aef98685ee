using MemberCards.CardValue;
using MemberCards.Coupons;
using MemberCards.Members;
using MemberCards.Purchases;

namespace MemberCards.Web.Api;

/// <summary>A new member, as the till enters them (the same fields and rules as the New member dialog).</summary>
public sealed record NewMemberRequest(string Name, string? Email = null, string? Phone = null, bool MarketingOptIn = false, string? Notes = null);

/// <summary>What the card holds, the tier and the coupons not used yet (which of them fit a basket: POST /coupon-choices).</summary>
public sealed record MemberAccount(int Id, MemberStatus Status, CardBalances Balances, IReadOnlyList<ExpiringPoints> ExpiringPoints,
    string? Tier, DateOnly? TierKeptUntil, IReadOnlyList<MemberCoupon> UnusedCoupons);

/// <param name="MethodLabel">Names the method when it is Other.</param>
public sealed record TopUpRequest(long AmountMinor, PaymentMethod Method, string? MethodLabel = null);

public sealed record VoidRequest(string Reason);

public sealed record VoidedPurchase(int PurchaseId);

public sealed record QuotedLine(int Index, int ProductId, string ProductName, string Category, int Quantity, long UnitPriceMinor,
    long ListMinor, long MemberDiscountMinor, long CouponDiscountMinor, long PointsDiscountMinor, long NetMinor);

/// <summary>A priced basket: what recording it now would save (its amount due is the purchase's total).</summary>
public sealed record QuoteAnswer(int? MemberId, IReadOnlyList<QuotedLine> Lines, long ListMinor, long MemberDiscountMinor, long CouponDiscountMinor,
    long PointsDiscountMinor, long AmountDueMinor, long PointsRedeemed, long PointsEarned, IReadOnlyList<Tender> Tenders, StoredValueSplit FromCard,
    IReadOnlyList<AppliedCoupon> Coupons)
{
    public static QuoteAnswer From(PricedReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return new QuoteAnswer(receipt.MemberId,
            [.. receipt.Lines.Select(l => new QuotedLine(l.Index, l.ProductId, l.ProductName, l.Category, l.Quantity, l.UnitPriceMinor, l.ListMinor,
                -l.AdjustedBy(QuoteStage.MemberPrice), -l.AdjustedBy(QuoteStage.Coupon), -l.AdjustedBy(QuoteStage.PointsAsCash), l.NetMinor))],
            receipt.ListMinor, receipt.MemberDiscountMinor, receipt.CouponDiscountMinor, receipt.PointsDiscountMinor, receipt.AmountDueMinor,
            receipt.PointsRedeemed, receipt.PointsEarned, receipt.Tenders ?? [], receipt.FromCard, receipt.Coupons);
    }
}
