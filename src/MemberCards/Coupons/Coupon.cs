namespace MemberCards.Coupons;

public enum CouponState
{
    Issued = 0,
    Redeemed = 1,
    Expired = 2,
    Revoked = 3,
}

/// <summary>Who or what handed out the coupons of an issue.</summary>
public enum CouponSource
{
    /// <summary>Staff or a manager gave one member a coupon (one standing issue per template).</summary>
    Member = 0,
    Segment = 1,
    Joining = 2,
    ReachingTier = 3,

    /// <summary>A top-up rule's gift: one with each top-up that meets the rule.</summary>
    TopUpGift = 4,
}

/// <summary>
/// One coupon held by one member: a unique code with a check digit (<see cref="CouponCode"/>), its validity copied
/// from the template when issued, and its state: issued → redeemed / expired / revoked. A void of the purchase
/// that redeemed it returns it to issued while still valid, else to expired.
/// </summary>
public sealed class Coupon
{
    public int Id { get; set; }

    /// <summary>12 digits, the last a check digit (<see cref="CouponCode"/>).</summary>
    public required string Code { get; set; }

    public int TemplateId { get; set; }
    public CouponTemplate? Template { get; set; }
    public int IssueId { get; set; }
    public int MemberId { get; set; }
    public CouponState State { get; set; }

    /// <summary>First and last store day it can be used, both included.</summary>
    public DateOnly ValidFrom { get; set; }

    public DateOnly ValidTo { get; set; }

    public DateTime IssuedAt { get; set; }

    /// <summary>The top-up whose rule gave it (a void of that top-up withdraws it while unused).</summary>
    public int? TopUpId { get; set; }

    /// <summary>The purchase that redeemed it (null unless <see cref="CouponState.Redeemed"/>).</summary>
    public int? PurchaseId { get; set; }

    public DateTime? RedeemedAt { get; set; }

    /// <summary>What it took off that purchase (spread over its eligible lines).</summary>
    public long DiscountMinor { get; set; }

    /// <summary>When it became expired or revoked, and by whom (the job is "coupon-expiry").</summary>
    public DateTime? EndedAt { get; set; }

    public string? EndedBy { get; set; }
}

/// <summary>
/// One handing-out of a template's coupons: to a saved segment (a campaign, with its optional control group), or
/// the standing issue of a template for one-at-a-time coupons (to one member, on joining, on reaching a tier).
/// </summary>
public sealed class CouponIssue
{
    public int Id { get; set; }
    public int TemplateId { get; set; }
    public CouponTemplate? Template { get; set; }
    public CouponSource Source { get; set; }

    /// <summary>The saved segment issued to, and its name at the time (the segment may be renamed or deleted).</summary>
    public int? SavedSegmentId { get; set; }

    public string? SegmentName { get; set; }
    public DateTime IssuedAt { get; set; }
    public required string IssuedBy { get; set; }

    /// <summary>Coupons issued by it.</summary>
    public int Issued { get; set; }

    /// <summary>The percent of the segment held back without the coupon (0: no control group).</summary>
    public int ControlPercent { get; set; }

    public int ControlMembers { get; set; }

    /// <summary>The validity of a segment issue's coupons, which its results measure spend over (null for standing issues).</summary>
    public DateOnly? ValidFrom { get; set; }

    public DateOnly? ValidTo { get; set; }
}

/// <summary>A member of a segment issue's control group: chosen at random, held back without the coupon, recorded.</summary>
public sealed class CouponControlMember
{
    public int IssueId { get; set; }
    public int MemberId { get; set; }
}
