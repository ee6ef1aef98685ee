namespace MemberCards.Web.Components.Purchases;

/// <summary>The texts of the Purchases components, in PurchasesText.resx (English) and PurchasesText.zh-CN.resx.</summary>
public sealed class PurchasesText;
