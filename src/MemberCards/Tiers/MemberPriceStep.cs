using MemberCards.Purchases;

namespace MemberCards.Tiers;

/// <summary>
/// The member price (会员价): each line not excluded by the member's tier at list × the tier's rate, rounded half-up
/// to the fen, per line (ARCHITECTURE.md, "Member price"). The tier is the one held before this purchase.
/// </summary>
public sealed class MemberPriceStep : IQuoteStep
{
    public QuoteStage Stage => QuoteStage.MemberPrice;

    public void Apply(QuoteDraft draft, QuoteContext context)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(context);
        if (context.Tier is not { PriceRate: < Tier.ListRate } tier)
        {
            return;
        }
        for (var i = 0; i < draft.Lines.Count; i++)
        {
            var line = draft.Lines[i];
            var discount = line.ListMinor - tier.MemberPriceOf(line.ListMinor, line.Category);
            if (discount > 0)
            {
                draft.Lines[i] = line with { Adjustments = [.. line.Adjustments, new LineAdjustment(Stage, "member price", -discount)] };
            }
        }
    }
}
