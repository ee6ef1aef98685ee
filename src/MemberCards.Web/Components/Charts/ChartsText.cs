namespace MemberCards.Web.Components.Charts;

/// <summary>The texts of the Charts components, in ChartsText.resx (English) and ChartsText.zh-CN.resx.</summary>
public sealed class ChartsText;
