using System.Globalization;

namespace MemberCards.Accounts;

/// <summary>A user agent shortened to what a person recognises: "Chrome 140, Windows". Product names, in no language.</summary>
public static class BrowserLabel
{
    // Order matters: Edge and Opera also say Chrome, Chrome also says Safari.
    private static readonly (string Token, string Name)[] Browsers =
    [
        ("Edg/", "Edge"), ("OPR/", "Opera"), ("MicroMessenger/", "WeChat"), ("Firefox/", "Firefox"), ("FxiOS/", "Firefox"),
        ("HeadlessChrome/", "Headless Chrome"), ("CriOS/", "Chrome"), ("Chrome/", "Chrome"), ("Version/", "Safari"),
    ];

    private static readonly (string Token, string Name)[] Systems =
    [
        ("Windows", "Windows"), ("iPhone", "iPhone"), ("iPad", "iPad"), ("Android", "Android"), ("Mac OS X", "macOS"),
        ("CrOS", "ChromeOS"), ("Linux", "Linux"),
    ];

    public static string From(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return "?";
        }
        var browser = Browsers.FirstOrDefault(b => userAgent.Contains(b.Token, StringComparison.Ordinal));
        var system = Systems.FirstOrDefault(s => userAgent.Contains(s.Token, StringComparison.Ordinal)).Name;
        if (browser.Name is null)
        {
            return userAgent.Length <= UserSession.BrowserLength ? userAgent : userAgent[..(UserSession.BrowserLength - 1)] + "…";
        }
        var label = $"{browser.Name} {MajorVersion(userAgent, browser.Token)}".TrimEnd();
        return system is null ? label : $"{label}, {system}";
    }

    private static string MajorVersion(string userAgent, string token)
    {
        var start = userAgent.IndexOf(token, StringComparison.Ordinal) + token.Length;
        var digits = new string([.. userAgent.Skip(start).TakeWhile(char.IsAsciiDigit)]);
        return int.TryParse(digits, CultureInfo.InvariantCulture, out var major) ? major.ToString(CultureInfo.InvariantCulture) : "";
    }
}
