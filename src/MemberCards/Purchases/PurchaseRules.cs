using System.Globalization;
using MemberCards.Products;

namespace MemberCards.Purchases;

public static class PurchaseRules
{
    public const int MaxQuantity = 9_999;

    public static string QuantityMessage { get; } = $"Quantity must be a whole number from 1 to {MaxQuantity.ToString("N0", CultureInfo.InvariantCulture)}.";

    public const string NegativePriceMessage = "The unit price cannot be negative: enter 0 or more.";

    public static string PriceTooHighMessage(long maxUnitPriceMinor, CultureInfo culture) =>
        $"The unit price cannot be above {Money.Format(maxUnitPriceMinor, culture)}: check the price, or ask a manager to raise the limit.";

    /// <summary>Field names the refusals use for line <paramref name="index"/>, so a form can show each beside its input.</summary>
    public static string ProductField(int index) => $"Lines[{index}].ProductId";

    public static string QuantityField(int index) => $"Lines[{index}].Quantity";

    public static string PriceField(int index) => $"Lines[{index}].UnitPriceMinor";

    /// <summary>Turns requested lines into sale lines at catalog prices (unless a price is given), or the reasons not to.</summary>
    public static Result<IReadOnlyList<PurchaseLine>> BuildLines(
        IReadOnlyList<NewPurchaseLine> requested, IReadOnlyDictionary<int, Product> products, bool requireActive,
        long maxUnitPriceMinor, CultureInfo culture)
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
            if (!products.TryGetValue(line.ProductId, out var product))
            {
                errors.Add(new FieldError(ProductField(i), "Pick a product from the catalog."));
                continue;
            }
            if (requireActive && !product.IsActive)
            {
                errors.Add(new FieldError(ProductField(i), $"{product.Name} is no longer sold: pick another product."));
            }
            if (line.Quantity is < 1 or > MaxQuantity)
            {
                errors.Add(new FieldError(QuantityField(i), QuantityMessage));
            }
            var price = line.UnitPriceMinor ?? product.UnitPriceMinor;
            if (price < 0)
            {
                errors.Add(new FieldError(PriceField(i), NegativePriceMessage));
            }
            else if (price > maxUnitPriceMinor)
            {
                errors.Add(new FieldError(PriceField(i), PriceTooHighMessage(maxUnitPriceMinor, culture)));
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
