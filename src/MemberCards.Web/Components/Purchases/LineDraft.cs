using MemberCards.Products;
using MemberCards.Purchases;

namespace MemberCards.Web.Components.Purchases;

/// <summary>A line of the purchase being entered, as typed; the quote prices it and says what is wrong with it.</summary>
public sealed class LineDraft(CatalogItem product)
{

    public CatalogItem Product { get; } = product;
    public int Quantity { get; set; } = 1;
    public decimal UnitPrice { get; set; } = Money.ToMajor(product.UnitPriceMinor);

    // A price with more than two decimals is held back by the form (PriceFormatError) and never saved; for the
    // live quote it is rounded, so the other lines keep their positions and amounts.
    public NewPurchaseLine ToNewLine() => new(Product.Id, Quantity, (long)Math.Round(UnitPrice * Money.MinorPerMajor));

    /// <summary>The one check the quote cannot make: an amount in fen has no third decimal.</summary>
    public static FieldError? PriceFormatError(decimal price) => price * Money.MinorPerMajor % 1 != 0 ? FieldError.Of(MessageCode.PriceDecimals) : null;

    /// <summary>The same check for an amount that is not a unit price (a top-up, an adjustment, the card's part of a bill), in its own words.</summary>
    public static FieldError? AmountFormatError(decimal amount) => PriceFormatError(amount) is null ? null : FieldError.Of(MessageCode.AmountDecimals);

    /// <summary>The product dialog's live price check (format and the same limits the product service applies).</summary>
    public static FieldError? PriceError(decimal price, long maxUnitPriceMinor, System.Globalization.CultureInfo culture) => price switch
    {
        < 0 => PurchaseRules.NegativePriceError(""),
        _ when PriceFormatError(price) is { } format => format,
        _ when price * Money.MinorPerMajor > maxUnitPriceMinor => PurchaseRules.PriceTooHighError("", maxUnitPriceMinor, culture),
        _ => null,
    };
}
