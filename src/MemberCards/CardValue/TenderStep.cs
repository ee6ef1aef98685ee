using MemberCards.Purchases;

namespace MemberCards.CardValue;

/// <summary>
/// How the amount due is paid: the tenders must add up to it, and the card can pay only what it holds (the
/// refusal says the balance). The card's part is split into principal and bonus here, so the dialog shows the
/// split that will be saved.
/// </summary>
public sealed class TenderStep : IQuoteStep
{
    public const int LabelLength = 50;

    public QuoteStage Stage => QuoteStage.Tenders;

    public void Apply(QuoteDraft draft, QuoteContext context)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(context);
        var tenders = draft.Basket.Tenders ?? [];
        if (tenders.Count == 0)
        {
            return;
        }
        var culture = context.Rules.Culture;
        // The amount due is only final when every earlier step priced without a refusal; until then a sum that
        // doesn't match would be a second message about the same mistake.
        var dueIsFinal = draft.Refusals.Count == 0;
        var before = draft.Refusals.Count;
        for (var i = 0; i < tenders.Count; i++)
        {
            if (tenders[i].AmountMinor <= 0)
            {
                draft.Refusals.Add(new FieldError(Basket.TenderField(i), MessageCode.TenderAmountNotPositive));
            }
            if (tenders[i].Label?.Length > LabelLength)
            {
                draft.Refusals.Add(new FieldError(Basket.TenderField(i), MessageCode.TenderLabelTooLong, LabelLength));
            }
        }
        var fromCard = tenders.Where(t => t.Method == PaymentMethod.StoredValue).Sum(t => t.AmountMinor);
        if (fromCard > context.Card.StoredValueMinor)
        {
            var index = tenders.ToList().FindIndex(t => t.Method == PaymentMethod.StoredValue);
            draft.Refusals.Add(new FieldError(Basket.TenderField(index), MessageCode.StoredValueShort, Money.Format(context.Card.StoredValueMinor, culture)));
        }
        var paid = tenders.Sum(t => t.AmountMinor);
        if (dueIsFinal && paid != draft.AmountDueMinor)
        {
            draft.Refusals.Add(new FieldError(Basket.TendersField, MessageCode.TendersDoNotAddUp, Money.Format(paid, culture), Money.Format(draft.AmountDueMinor, culture)));
        }
        if (draft.Refusals.Count == before)
        {
            draft.Tenders.AddRange(tenders);
            draft.FromCard = StoredValueSplit.Of(fromCard, context.Card, context.SpendOrder);
        }
    }
}
