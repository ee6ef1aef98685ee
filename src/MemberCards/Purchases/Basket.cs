using MemberCards.CardValue;

namespace MemberCards.Purchases;

public sealed record NewPurchaseLine(int ProductId, int Quantity, long? UnitPriceMinor = null);

/// <summary>One way the customer pays (for <see cref="PaymentMethod.Other"/> a label names it).</summary>
public sealed record Tender(PaymentMethod Method, long AmountMinor, string? Label = null);

/// <summary>
/// What the till has before it is priced: the member (null until found), the lines as entered, the coupon codes
/// typed or scanned, the points the customer spends as cash, and how they pay. No tenders: history loaded without
/// payment details.
/// </summary>
public sealed record Basket(int? MemberId, IReadOnlyList<NewPurchaseLine> Lines, long PointsToRedeem = 0, IReadOnlyList<Tender>? Tenders = null,
    IReadOnlyList<string>? CouponCodes = null)
{
    public const string PointsField = nameof(PointsToRedeem);
    public const string TendersField = nameof(Tenders);

    public static string CouponField(int index) => $"CouponCodes[{index}]";

    public static string TenderField(int index) => $"Tenders[{index}].AmountMinor";
}
