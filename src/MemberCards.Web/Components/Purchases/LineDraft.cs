using MemberCards.Products;
using MemberCards.Purchases;

namespace MemberCards.Web.Components.Purchases;

/// <summary>A line of the purchase being entered, as typed: checked here for live messages, and again by the service.</summary>
public sealed class LineDraft(CatalogItem product)
{
    public CatalogItem Product { get; } = product;
    public decimal Quantity { get; set; } = 1;
    public decimal UnitPrice { get; set; } = Money.ToMajor(product.UnitPriceMinor);

    /// <summary>A refusal from the service for this line (the product stopped being sold meanwhile, say).</summary>
    public string? ServerError { get; set; }

    public long TotalMinor => (long)Math.Round(Quantity * UnitPrice * Money.MinorPerMajor);

    public NewPurchaseLine ToNewLine() => new(Product.Id, (int)Quantity, (long)(UnitPrice * Money.MinorPerMajor));

    public static string? QuantityError(decimal quantity) =>
        quantity % 1 != 0 || quantity is < 1 or > PurchaseRules.MaxQuantity ? PurchaseRules.QuantityMessage : null;

    public static string? PriceError(decimal price, long maxUnitPriceMinor, System.Globalization.CultureInfo culture) => price switch
    {
        < 0 => PurchaseRules.NegativePriceMessage,
        _ when price * Money.MinorPerMajor % 1 != 0 => "Use at most two decimals for the unit price.",
        _ when price * Money.MinorPerMajor > maxUnitPriceMinor => PurchaseRules.PriceTooHighMessage(maxUnitPriceMinor, culture),
        _ => null,
    };
}
