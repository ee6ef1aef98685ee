namespace MemberCards.Web.Components.Liability;

/// <summary>The texts of the liability report, in LiabilityText.resx (English) and LiabilityText.zh-CN.resx.</summary>
public sealed class LiabilityText;
