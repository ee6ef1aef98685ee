namespace MemberCards.Web.Localization;

/// <summary>MudBlazor's texts in languages other than English (MudTexts.zh-CN.resx); English is MudBlazor's own.</summary>
public sealed class MudTexts;
