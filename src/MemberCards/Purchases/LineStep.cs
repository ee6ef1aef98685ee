namespace MemberCards.Purchases;

/// <summary>The first step: each requested line at its catalog price (unless a price is given), or the reasons not to.</summary>
public sealed class LineStep : IQuoteStep
{
    public QuoteStage Stage => QuoteStage.Lines;

    public void Apply(QuoteDraft draft, QuoteContext context)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(context);
        var requested = draft.Basket.Lines;
        if (requested.Count == 0)
        {
            draft.Refusals.Add(new FieldError(PurchaseRules.LinesField, MessageCode.BasketEmpty));
            return;
        }
        var rules = context.Rules;
        for (var i = 0; i < requested.Count; i++)
        {
            var line = requested[i];
            var before = draft.Refusals.Count;
            if (!context.Products.TryGetValue(line.ProductId, out var product))
            {
                draft.Refusals.Add(new FieldError(PurchaseRules.ProductField(i), MessageCode.ProductNotPicked));
                continue;
            }
            if (rules.RequireActiveProducts && !product.IsActive)
            {
                draft.Refusals.Add(new FieldError(PurchaseRules.ProductField(i), MessageCode.ProductNotSold, product.Name));
            }
            if (line.Quantity is < 1 or > PurchaseRules.MaxQuantity)
            {
                draft.Refusals.Add(PurchaseRules.QuantityError(PurchaseRules.QuantityField(i)));
            }
            var price = line.UnitPriceMinor ?? product.UnitPriceMinor;
            if (price < 0)
            {
                draft.Refusals.Add(PurchaseRules.NegativePriceError(PurchaseRules.PriceField(i)));
            }
            else if (price > rules.MaxUnitPriceMinor)
            {
                draft.Refusals.Add(PurchaseRules.PriceTooHighError(PurchaseRules.PriceField(i), rules.MaxUnitPriceMinor, rules.Culture));
            }
            // A refused line is left out of the receipt, so the total shown beside the refusal counts only what would be sold.
            if (draft.Refusals.Count == before)
            {
                draft.Lines.Add(new PricedLine(i, product.Id, product.Name, product.Category, line.Quantity, price, []));
            }
        }
    }
}
