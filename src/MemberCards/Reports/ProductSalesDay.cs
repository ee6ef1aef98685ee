namespace MemberCards.Reports;

/// <summary>
/// Net sales of one product (in the category it was sold under) per UTC day, moved by the posting of every
/// purchase and void (single or bulk, <see cref="Purchases.FigureChanges"/>) in its transaction. The dashboard's product and category figures
/// for 90 days read a few thousand of these rows instead of joining 400,000 purchase lines; the partial UTC days
/// at a range's edges are read from the lines themselves.
/// </summary>
public sealed class ProductSalesDay
{
    public const long WidthMs = 86_400_000;

    /// <summary>Start of the UTC day in Unix milliseconds.</summary>
    public long DayMs { get; set; }

    public int ProductId { get; set; }
    public required string Category { get; set; }
    public long RevenueMinor { get; set; }
    public int Quantity { get; set; }
}
