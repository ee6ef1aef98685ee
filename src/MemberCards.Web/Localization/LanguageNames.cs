namespace MemberCards.Web.Localization;

/// <summary>Each language named in itself, so a user who can't read the current one still finds their own.</summary>
public static class LanguageNames
{
    public static string Of(string language) => language == Languages.Chinese ? "中文" : "English";

    public static string SwitchUrl(string language, string returnUrl) =>
        $"Language?language={Uri.EscapeDataString(language)}&returnUrl={Uri.EscapeDataString(returnUrl)}";
}
