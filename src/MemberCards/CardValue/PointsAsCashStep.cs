using MemberCards.Purchases;

namespace MemberCards.CardValue;

/// <summary>
/// Points paying part of the bill (积分抵现): within the rule's minimum, the points held and the cap per bill. Too
/// many is refused with the most allowed — never silently lowered. The cash value is a discount spread over the lines.
/// </summary>
public sealed class PointsAsCashStep : IQuoteStep
{
    public QuoteStage Stage => QuoteStage.PointsAsCash;

    public void Apply(QuoteDraft draft, QuoteContext context)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(context);
        var points = draft.Basket.PointsToRedeem;
        if (points == 0)
        {
            return;
        }
        if (Refusal(points, draft.AmountDueMinor, context) is { } refusal)
        {
            draft.Refusals.Add(refusal);
            return;
        }
        draft.PointsRedeemed = points;
        draft.Allocate(QuoteStage.PointsAsCash, "points", PointsValue.CashMinor(points, context.PointsRule!), _ => true);
    }

    private static FieldError? Refusal(long points, long dueMinor, QuoteContext context)
    {
        const string field = Basket.PointsField;
        if (points < 0)
        {
            return new FieldError(field, MessageCode.NotNegative);
        }
        if (context.PointsRule is not { RedeemPointsPerYuan: > 0 } rule)
        {
            return new FieldError(field, MessageCode.PointsRedeemOff);
        }
        var culture = context.Rules.Culture;
        var step = PointsValue.Step(rule);
        var held = Math.Max(0, context.Card.Points);
        var capMinor = PointsValue.CapMinor(dueMinor, rule);
        var most = Math.Min(held, PointsValue.PointsFor(capMinor, rule)) / step * step;
        if (points > held)
        {
            return new FieldError(field, MessageCode.PointsRedeemMoreThanHeld, held);
        }
        if (points % step != 0)
        {
            return new FieldError(field, MessageCode.PointsRedeemNotMultiple, step);
        }
        if (points < rule.RedeemMinimumPoints)
        {
            return new FieldError(field, MessageCode.PointsRedeemBelowMinimum, rule.RedeemMinimumPoints);
        }
        return PointsValue.CashMinor(points, rule) > capMinor
            ? new FieldError(field, MessageCode.PointsRedeemOverCap, most, Money.Format(PointsValue.CashMinor(most, rule), culture))
            : null;
    }
}

/// <summary>What points are worth under a rule: X points = 1 yuan, so a redemption is a whole number of fen.</summary>
public static class PointsValue
{
    /// <summary>The smallest number of points worth a whole fen (1 when 100 points = ¥1; 3 when 300 points = ¥1).</summary>
    public static long Step(PointsRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.RedeemPointsPerYuan / (long)Gcd(rule.RedeemPointsPerYuan, Money.MinorPerMajor);
    }

    public static long CashMinor(long points, PointsRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return points * Money.MinorPerMajor / rule.RedeemPointsPerYuan;
    }

    public static long PointsFor(long cashMinor, PointsRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return cashMinor * rule.RedeemPointsPerYuan / Money.MinorPerMajor;
    }

    /// <summary>The most points may pay of a bill of <paramref name="dueMinor"/>: the bill, the fixed cap and the percent cap, whichever is least.</summary>
    public static long CapMinor(long dueMinor, PointsRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var cap = dueMinor * Math.Clamp(rule.RedeemCapPercent, 0, 100) / 100;
        return rule.RedeemCapMinor > 0 ? Math.Min(cap, rule.RedeemCapMinor) : cap;
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
