using MemberCards.Purchases;

namespace MemberCards.CardValue;

/// <summary>
/// Points earned on what was paid: floor(amount paid in fen × points per yuan / 100), one floor per receipt, over
/// the lines of categories that earn (ARCHITECTURE.md, "Points"). Every tender counts, the card included.
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
        draft.PointsEarned = paidMinor * rule.EarnPointsPerYuan / Money.MinorPerMajor;
    }
}
