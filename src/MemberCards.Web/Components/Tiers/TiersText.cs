namespace MemberCards.Web.Components.Tiers;

/// <summary>The texts of the tiers page, in TiersText.resx (English) and TiersText.zh-CN.resx.</summary>
public sealed class TiersText;
