using MemberCards.CardValue;
using MemberCards.Coupons;

namespace MemberCards.Purchases;

/// <summary>One change a quote step made to a line and why (negative: a discount), kept so a return can be exact.</summary>
public sealed record LineAdjustment(QuoteStage Stage, string Reason, long AmountMinor);

/// <summary>
/// A basket line as priced: the product as it is sold now, its list amount (quantity × unit price) and the
/// adjustments of every step after the line step. Net = list + adjustments, the amount spend counts.
/// </summary>
/// <param name="Index">The line's position in the basket, so a refusal or amount can be shown beside its input.</param>
public sealed record PricedLine(int Index, int ProductId, string ProductName, string Category, int Quantity, long UnitPriceMinor, IReadOnlyList<LineAdjustment> Adjustments)
{
    public long ListMinor => checked(Quantity * UnitPriceMinor);

    public long NetMinor => ListMinor + Adjustments.Sum(a => a.AmountMinor);

    public long AdjustedBy(QuoteStage stage) => Adjustments.Where(a => a.Stage == stage).Sum(a => a.AmountMinor);
}

/// <summary>
/// The outcome of <see cref="Quote"/>: every line that could be priced and every refusal with its field. Only a
/// receipt without refusals can be posted; the dialog shows the same receipt, so its total is the one saved.
/// </summary>
/// <param name="PointsRedeemed">Points spent as cash; their value is in the lines' <see cref="QuoteStage.PointsAsCash"/> adjustments.</param>
/// <param name="Tenders">How the amount due is paid (empty: not recorded); the card's part says its principal/bonus split.</param>
/// <param name="PointsEarned">What the member earns on what was paid, credited when it is posted.</param>
/// <param name="Card">The balances it was priced on: the posting writes only while the card still holds exactly these.</param>
/// <param name="Coupons">The coupons it redeems, each with what it took off.</param>
public sealed record PricedReceipt(int? MemberId, IReadOnlyList<PricedLine> Lines, IReadOnlyList<FieldError> Refusals,
    long PointsRedeemed = 0, IReadOnlyList<Tender>? Tenders = null, StoredValueSplit FromCard = default, long PointsEarned = 0, CardBalances Card = default,
    IReadOnlyList<AppliedCoupon>? Coupons = null)
{
    public IReadOnlyList<AppliedCoupon> Coupons { get; init; } = Coupons ?? [];

    public long ListMinor => Lines.Sum(l => l.ListMinor);

    /// <summary>Σ net amounts: what the customer owes and what the purchase adds to spend.</summary>
    public long AmountDueMinor => Lines.Sum(l => l.NetMinor);

    public long MemberDiscountMinor => -Lines.Sum(l => l.AdjustedBy(QuoteStage.MemberPrice));

    public long CouponDiscountMinor => -Lines.Sum(l => l.AdjustedBy(QuoteStage.Coupon));

    public long PointsDiscountMinor => -Lines.Sum(l => l.AdjustedBy(QuoteStage.PointsAsCash));

    public bool CanPost => Refusals.Count == 0 && MemberId is not null;
}
