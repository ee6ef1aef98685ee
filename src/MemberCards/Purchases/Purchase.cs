using MemberCards.CardValue;
using MemberCards.Members;

namespace MemberCards.Purchases;

/// <summary>One visit: one receipt with one or more lines. Never deleted; a mistake is voided.</summary>
public sealed class Purchase
{
    public int Id { get; set; }
    public int MemberId { get; set; }
    public Member? Member { get; set; }
    public DateTime PurchasedAt { get; set; }
    public required string RecordedBy { get; set; }

    /// <summary>Chosen by the entry dialog; a retry or double click carrying the same key records nothing new.</summary>
    public Guid? IdempotencyKey { get; set; }

    /// <summary>Σ net amounts of the lines (the amount due), written with them, so revenue sums read one table.</summary>
    public long TotalMinor { get; set; }

    /// <summary>Points the customer spent as cash on this receipt (a discount, allocated to the lines).</summary>
    public long PointsRedeemed { get; set; }

    public long PointsEarned { get; set; }

    public DateTime? VoidedAt { get; set; }
    public string? VoidedBy { get; set; }
    public string? VoidReason { get; set; }
    public List<PurchaseLine> Lines { get; set; } = [];

    /// <summary>How the amount due was paid; none for history loaded without payment details.</summary>
    public List<PurchaseTender> Tenders { get; set; } = [];

    public bool IsVoid => VoidedAt is not null;
}

/// <summary>A product as it was sold: its name and unit price are copied so later catalog changes leave history alone.</summary>
public sealed class PurchaseLine
{
    public int Id { get; set; }
    public int PurchaseId { get; set; }
    public int ProductId { get; set; }
    public required string ProductName { get; set; }
    public required string Category { get; set; }
    public long UnitPriceMinor { get; set; }
    public int Quantity { get; set; }

    /// <summary>
    /// The line's share of what was paid: list (quantity × unit price) minus the discounts the quote allocated to
    /// it. Stored, so spend stays Σ net over history whatever discounts come later, and a line return can be exact.
    /// </summary>
    public long NetMinor { get; set; }

    /// <summary>The member price's discount on the line (list − member price; positive: a discount).</summary>
    public long MemberDiscountMinor { get; set; }

    /// <summary>The line's share of the coupons' discount (positive: a discount).</summary>
    public long CouponDiscountMinor { get; set; }

    /// <summary>The line's share of the points redeemed as cash, in minor units (positive: a discount).</summary>
    public long PointsDiscountMinor { get; set; }
}

/// <summary>One way a receipt was paid; the amounts of a purchase's tenders add up to its total.</summary>
public sealed class PurchaseTender
{
    public int Id { get; set; }
    public int PurchaseId { get; set; }
    public PaymentMethod Method { get; set; }
    public string? Label { get; set; }
    public long AmountMinor { get; set; }
}
