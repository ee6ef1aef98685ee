namespace MemberCards.Web.Components.Import;

/// <summary>The texts of the Import components, in ImportText.resx (English) and ImportText.zh-CN.resx.</summary>
public sealed class ImportText;
