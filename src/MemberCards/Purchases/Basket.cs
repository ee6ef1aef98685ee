namespace MemberCards.Purchases;

public sealed record NewPurchaseLine(int ProductId, int Quantity, long? UnitPriceMinor = null);

/// <summary>
/// What the till has before it is priced: the member (null until found) and the lines as entered. The coming
/// card-value features add here what the customer brings: a coupon, points to redeem, tenders.
/// </summary>
public sealed record Basket(int? MemberId, IReadOnlyList<NewPurchaseLine> Lines);
