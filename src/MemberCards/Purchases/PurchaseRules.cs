using MemberCards.Products;

namespace MemberCards.Purchases;

public static class PurchaseRules
{
    public const int MaxQuantity = 9_999;

    /// <summary>Turns requested lines into sale lines at catalog prices (unless a price is given), or the reasons not to.</summary>
    public static Result<IReadOnlyList<PurchaseLine>> BuildLines(
        IReadOnlyList<NewPurchaseLine> requested, IReadOnlyDictionary<int, Product> products, bool requireActive)
    {
        ArgumentNullException.ThrowIfNull(requested);
        ArgumentNullException.ThrowIfNull(products);
        if (requested.Count == 0)
        {
            return Result<IReadOnlyList<PurchaseLine>>.Refused("Lines", "Add at least one product.");
        }
        var errors = new List<FieldError>();
        var lines = new List<PurchaseLine>(requested.Count);
        for (var i = 0; i < requested.Count; i++)
        {
            var line = requested[i];
            var field = $"Lines[{i}]";
            if (!products.TryGetValue(line.ProductId, out var product))
            {
                errors.Add(new FieldError(field, "Pick a product from the catalog."));
                continue;
            }
            if (requireActive && !product.IsActive)
            {
                errors.Add(new FieldError(field, $"{product.Name} is no longer sold; pick another product."));
            }
            if (line.Quantity is < 1 or > MaxQuantity)
            {
                errors.Add(new FieldError(field, $"Quantity must be a whole number from 1 to {MaxQuantity:N0}."));
            }
            var price = line.UnitPriceMinor ?? product.UnitPriceMinor;
            if (price < 0)
            {
                errors.Add(new FieldError(field, "The unit price cannot be negative."));
            }
            lines.Add(new PurchaseLine
            {
                ProductId = product.Id,
                ProductName = product.Name,
                Category = product.Category,
                UnitPriceMinor = price,
                Quantity = line.Quantity,
            });
        }
        return errors.Count > 0
            ? Result<IReadOnlyList<PurchaseLine>>.Refused(errors)
            : Result<IReadOnlyList<PurchaseLine>>.Ok(lines);
    }
}
