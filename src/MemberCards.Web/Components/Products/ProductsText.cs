namespace MemberCards.Web.Components.Products;

/// <summary>The texts of the Products components, in ProductsText.resx (English) and ProductsText.zh-CN.resx.</summary>
public sealed class ProductsText;
