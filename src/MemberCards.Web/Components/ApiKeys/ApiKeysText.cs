namespace MemberCards.Web.Components.ApiKeys;

/// <summary>The texts of the API keys page, in ApiKeysText.resx (English) and ApiKeysText.zh-CN.resx.</summary>
public sealed class ApiKeysText;
