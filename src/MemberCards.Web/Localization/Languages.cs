using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace MemberCards.Web.Localization;

/// <summary>The languages the UI speaks. English is the fallback for any text a language lacks.</summary>
public static class Languages
{
    public const string English = "en";
    public const string Chinese = "zh-CN";

    public static IReadOnlyList<string> All { get; } = [English, Chinese];

    public static string CookieName => CookieRequestCultureProvider.DefaultCookieName;

    /// <summary>The supported name for a requested language ("zh", "zh-Hans", "en-GB" …), or null when none fits.</summary>
    public static string? Match(string? requested)
    {
        if (string.IsNullOrWhiteSpace(requested))
        {
            return null;
        }
        var name = requested.Trim();
        if (All.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return All.First(l => string.Equals(l, name, StringComparison.OrdinalIgnoreCase));
        }
        return name.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Chinese
            : name.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English
            : null;
    }

    public static bool IsChinese(CultureInfo culture) => culture.Name.StartsWith("zh", StringComparison.Ordinal);

    /// <summary>The value of the culture cookie the request localization middleware reads.</summary>
    public static string CookieValue(string language) => CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language));

    public static void WriteCookie(HttpResponse response, string language) =>
        response.Cookies.Append(CookieName, CookieValue(language), new CookieOptions
        {
            Expires = DateTimeOffset.UtcNow.AddYears(1),
            IsEssential = true,
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Path = "/",
        });

    public static string? ReadCookie(HttpRequest request) =>
        request.Cookies.TryGetValue(CookieName, out var value) && CookieRequestCultureProvider.ParseCookieValue(value) is { } parsed
            ? Match(parsed.UICultures.FirstOrDefault().Value)
            : null;
}
