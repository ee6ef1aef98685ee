using MemberCards.Purchases;

namespace MemberCards.CardValue;

/// <summary>
/// Points earned on what was paid: floor(amount paid in fen × points per yuan × tier multiplier / 100), one floor
/// per receipt, over the lines of categories that earn (ARCHITECTURE.md, "Points"). Every tender counts, the card
/// included; the multiplier is the tier's held before this purchase.
/// </summary>
public sealed class PointsEarnedStep : IQuoteStep
{
    public QuoteStage Stage => QuoteStage.PointsEarned;

    public void Apply(QuoteDraft draft, QuoteContext context)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(context);
        if (context.PointsRule is not { EarnPointsPerYuan: > 0 } rule)
        {
            return;
        }
        var paidMinor = draft.Lines.Where(l => !rule.ExcludedCategories.Contains(l.Category)).Sum(l => l.NetMinor);
        var multiplierPercent = context.Tier?.PointsMultiplierPercent ?? 100;
        draft.PointsEarned = paidMinor * rule.EarnPointsPerYuan * multiplierPercent / (Money.MinorPerMajor * 100);
    }
}
