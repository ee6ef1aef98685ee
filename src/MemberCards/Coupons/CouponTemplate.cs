using MemberCards.Tiers;

namespace MemberCards.Coupons;

/// <summary>The four kinds of coupon a Chinese shop hands out.</summary>
public enum CouponKind
{
    /// <summary>满减: ¥X off when the eligible lines reach ¥Y.</summary>
    AmountOff = 0,

    /// <summary>折扣: N% off the eligible lines, up to a cap.</summary>
    PercentOff = 1,

    /// <summary>代金券: ¥X off, no threshold.</summary>
    Voucher = 2,

    /// <summary>兑换: one of a named product free (at its member price).</summary>
    FreeProduct = 3,
}

/// <summary>When coupons of a template are handed out without anyone issuing them.</summary>
public enum CouponTrigger
{
    None = 0,

    /// <summary>Each new member gets one when they join.</summary>
    Joining = 1,

    /// <summary>A member gets one when they reach the template's trigger tier (an upgrade, not a renewal).</summary>
    ReachingTier = 2,
}

/// <summary>
/// What a coupon is worth and when it can be used, set by managers and marketing. Each coupon issued copies its
/// validity dates from here (fixed dates, or N days from its issue), so a later edit leaves issued coupons alone
/// except for the template's other rules, which apply at the till.
/// </summary>
public sealed class CouponTemplate
{
    /// <summary>Every day of the week: bit (int)DayOfWeek set for each day it is valid.</summary>
    public const int EveryDay = 0b111_1111;

    public int Id { get; set; }
    public required string Name { get; set; }
    public CouponKind Kind { get; set; }

    /// <summary>满减: the eligible amount (after member price) the basket must reach (≥). 0 for the other kinds.</summary>
    public long ThresholdMinor { get; set; }

    /// <summary>满减 and 代金券: the amount off.</summary>
    public long AmountOffMinor { get; set; }

    /// <summary>折扣: percent off, 1–99.</summary>
    public int PercentOff { get; set; }

    /// <summary>折扣: the most it gives off; 0: no cap.</summary>
    public long CapMinor { get; set; }

    /// <summary>兑换: the product one of which is free.</summary>
    public int? FreeProductId { get; set; }

    public Products.Product? FreeProduct { get; set; }

    /// <summary>The products its discount applies to; with <see cref="Categories"/> both empty: every line.</summary>
    public List<int> ProductIds { get; set; } = [];

    public List<string> Categories { get; set; } = [];

    /// <summary>Fixed validity: first and last day (both included), store dates.</summary>
    public DateOnly? ValidFrom { get; set; }

    public DateOnly? ValidTo { get; set; }

    /// <summary>Relative validity: N days from the day it is issued, that day included (used when the dates are not set).</summary>
    public int? ValidDays { get; set; }

    /// <summary>Bit (int)DayOfWeek set for each day it can be used (<see cref="EveryDay"/>).</summary>
    public int Weekdays { get; set; } = EveryDay;

    /// <summary>Members below this tier can't use it (null: any tier).</summary>
    public int? MinTierId { get; set; }

    public Tier? MinTier { get; set; }

    /// <summary>The most coupons of this template one member is ever issued (null: no limit).</summary>
    public int? PerMemberLimit { get; set; }

    /// <summary>The most coupons ever issued of it, whatever became of them (null: no limit).</summary>
    public int? TotalQuantity { get; set; }

    /// <summary>Coupons issued so far; moved with each issue under the template's lock, never above <see cref="TotalQuantity"/>.</summary>
    public int IssuedCount { get; set; }

    /// <summary>May be used on a receipt together with other coupons (default: one coupon per receipt).</summary>
    public bool Combines { get; set; }

    public CouponTrigger Trigger { get; set; }

    /// <summary>For <see cref="CouponTrigger.ReachingTier"/>: the tier whose reaching issues it.</summary>
    public int? TriggerTierId { get; set; }

    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public int Version { get; set; }

    /// <summary>No longer issued; coupons already issued stay usable until they expire.</summary>
    public DateTime? ArchivedAt { get; set; }

    public bool IsValidOn(DayOfWeek day) => (Weekdays & (1 << (int)day)) != 0;

    /// <summary>The validity of a coupon issued on <paramref name="issuedOn"/>: the fixed dates, or N days from that day.</summary>
    public (DateOnly From, DateOnly To) ValidityFor(DateOnly issuedOn) =>
        ValidFrom is { } from && ValidTo is { } to ? (from, to) : (issuedOn, issuedOn.AddDays(Math.Max(1, ValidDays ?? 1) - 1));
}
