namespace MemberCards.Products;

public sealed class Product
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Category { get; set; }
    public long UnitPriceMinor { get; set; }

    /// <summary>Products with sales are never deleted; an inactive one can no longer be sold.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>Bumped on every change; a save carrying an older value is refused instead of overwriting.</summary>
    public int Version { get; set; }
}

/// <summary>Whether a product is sold; an argument of messages, said by the UI in the user's language.</summary>
public enum ProductStatus
{
    Active,
    Inactive,
}
