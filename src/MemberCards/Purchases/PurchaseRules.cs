using System.Globalization;

namespace MemberCards.Purchases;

/// <summary>The limits of a purchase line, and the field names refusals point at.</summary>
public static class PurchaseRules
{
    public const int MaxQuantity = 9_999;

    public const string LinesField = "Lines";

    public static FieldError QuantityError(string field) => new(field, MessageCode.QuantityOutOfRange, MaxQuantity);

    public static FieldError NegativePriceError(string field) => new(field, MessageCode.PriceNegative);

    /// <summary>The limit is written in the store's currency, the same in every language.</summary>
    public static FieldError PriceTooHighError(string field, long maxUnitPriceMinor, CultureInfo culture) =>
        new(field, MessageCode.PriceTooHigh, Money.Format(maxUnitPriceMinor, culture));

    /// <summary>Field names the refusals use for line <paramref name="index"/>, so a form can show each beside its input.</summary>
    public static string ProductField(int index) => $"Lines[{index}].ProductId";

    public static string QuantityField(int index) => $"Lines[{index}].Quantity";

    public static string PriceField(int index) => $"Lines[{index}].UnitPriceMinor";
}
