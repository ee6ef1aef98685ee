using MemberCards.Purchases;

namespace MemberCards.Coupons;

/// <summary>What a coupon takes off the lines it applies to, or why it can't be used on them today.</summary>
/// <param name="Applies">Which lines its discount is spread over.</param>
/// <param name="ForfeitedMinor">Its worth beyond the base it applies to, which is given up (the dialog says so).</param>
public sealed record CouponWorth(long DiscountMinor, long ForfeitedMinor, Func<PricedLine, bool> Applies, FieldError? Refusal = null)
{
    public static CouponWorth Refused(MessageCode code, params IReadOnlyList<object?> args) => new(0, 0, _ => false, FieldError.Of(code, args));
}

/// <summary>
/// The rules of one coupon against a priced basket (ARCHITECTURE.md, "Coupons"): the base is the eligible lines'
/// net amount after member price; 满减 needs the base to reach its threshold (≥); 折扣 is the percent of the base,
/// rounded half-up, up to its cap; a coupon worth more than the base gives the whole base; 兑换 makes one of the
/// named product free at its member price.
/// </summary>
public static class CouponValue
{
    public static CouponWorth Of(HeldCoupon coupon, IReadOnlyList<PricedLine> lines, QuoteContext context)
    {
        ArgumentNullException.ThrowIfNull(coupon);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(context);
        if (UseRefusal(coupon, context) is { } refused)
        {
            return refused;
        }
        var template = coupon.Template;
        var culture = context.Rules.Culture;
        if (template.Kind == CouponKind.FreeProduct)
        {
            return FreeProduct(template, lines);
        }
        Func<PricedLine, bool> applies = line => IsEligible(template, line);
        var baseMinor = lines.Where(applies).Sum(l => l.NetMinor);
        if (baseMinor <= 0)
        {
            return CouponWorth.Refused(MessageCode.CouponNoEligibleLines);
        }
        if (template.Kind == CouponKind.AmountOff && baseMinor < template.ThresholdMinor)
        {
            return CouponWorth.Refused(MessageCode.CouponNeedsMore, Money.Format(template.ThresholdMinor - baseMinor, culture), Money.Format(template.ThresholdMinor, culture));
        }
        var worth = template.Kind switch
        {
            CouponKind.PercentOff => PercentOf(baseMinor, template),
            _ => template.AmountOffMinor,
        };
        var given = Math.Min(worth, baseMinor);
        return new CouponWorth(given, worth - given, applies);
    }

    public static bool IsEligible(CouponTemplate template, PricedLine line)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(line);
        return (template.ProductIds.Count == 0 && template.Categories.Count == 0)
            || template.ProductIds.Contains(line.ProductId)
            || template.Categories.Contains(line.Category);
    }

    /// <summary>Why the coupon itself can't be used now, whatever the basket: its state, dates, days and the member's tier.</summary>
    private static CouponWorth? UseRefusal(HeldCoupon coupon, QuoteContext context)
    {
        var today = context.Day;
        var template = coupon.Template;
        switch (coupon.State)
        {
            case CouponState.Redeemed:
                return CouponWorth.Refused(MessageCode.CouponAlreadyRedeemed);
            case CouponState.Revoked:
                return CouponWorth.Refused(MessageCode.CouponRevoked);
            case CouponState.Expired:
                return CouponWorth.Refused(MessageCode.CouponExpired, coupon.ValidTo);
        }
        if (today < coupon.ValidFrom)
        {
            return CouponWorth.Refused(MessageCode.CouponNotYetValid, coupon.ValidFrom);
        }
        if (today > coupon.ValidTo)
        {
            return CouponWorth.Refused(MessageCode.CouponExpired, coupon.ValidTo);
        }
        if (!template.IsValidOn(today.DayOfWeek))
        {
            return CouponWorth.Refused(MessageCode.CouponNotToday, NextValidDay(template, today));
        }
        return template.MinTier is { } minimum && (context.Tier?.Rank ?? 0) < minimum.Rank
            ? CouponWorth.Refused(MessageCode.CouponTierTooLow, minimum.Label)
            : null;
    }

    private static DayOfWeek NextValidDay(CouponTemplate template, DateOnly today) =>
        Enumerable.Range(1, 7).Select(d => today.AddDays(d).DayOfWeek).First(template.IsValidOn);

    private static long PercentOf(long baseMinor, CouponTemplate template)
    {
        var off = (baseMinor * template.PercentOff + 50) / 100;
        return template.CapMinor > 0 ? Math.Min(off, template.CapMinor) : off;
    }

    /// <summary>One unit of the named product free: the first line selling it, its net (after member price) per unit.</summary>
    private static CouponWorth FreeProduct(CouponTemplate template, IReadOnlyList<PricedLine> lines)
    {
        var line = lines.FirstOrDefault(l => l.ProductId == template.FreeProductId && l.NetMinor > 0);
        if (line is null)
        {
            return CouponWorth.Refused(MessageCode.CouponNeedsProduct, template.FreeProduct?.Name, template.FreeProductId);
        }
        var unit = (line.NetMinor + line.Quantity / 2) / line.Quantity;
        return new CouponWorth(Math.Min(unit, line.NetMinor), 0, l => l.Index == line.Index);
    }
}
