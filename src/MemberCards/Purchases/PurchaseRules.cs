using System.Globalization;

namespace MemberCards.Purchases;

/// <summary>The limits and refusal texts of a purchase line, and the field names refusals point at.</summary>
public static class PurchaseRules
{
    public const int MaxQuantity = 9_999;

    public const string LinesField = "Lines";

    public const string EmptyBasketMessage = "Add at least one product.";

    public static string QuantityMessage { get; } = $"Quantity must be a whole number from 1 to {MaxQuantity.ToString("N0", CultureInfo.InvariantCulture)}.";

    public const string NegativePriceMessage = "The unit price cannot be negative: enter 0 or more.";

    public static string PriceTooHighMessage(long maxUnitPriceMinor, CultureInfo culture) =>
        $"The unit price cannot be above {Money.Format(maxUnitPriceMinor, culture)}: check the price, or ask a manager to raise the limit.";

    /// <summary>Field names the refusals use for line <paramref name="index"/>, so a form can show each beside its input.</summary>
    public static string ProductField(int index) => $"Lines[{index}].ProductId";

    public static string QuantityField(int index) => $"Lines[{index}].Quantity";

    public static string PriceField(int index) => $"Lines[{index}].UnitPriceMinor";
}
