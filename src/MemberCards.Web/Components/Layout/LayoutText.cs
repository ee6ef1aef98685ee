namespace MemberCards.Web.Components.Layout;

/// <summary>The texts of the Layout components, in LayoutText.resx (English) and LayoutText.zh-CN.resx.</summary>
public sealed class LayoutText;
