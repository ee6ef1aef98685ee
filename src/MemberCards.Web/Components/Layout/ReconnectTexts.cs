namespace MemberCards.Web.Components.Layout;

/// <summary>
/// What the reconnect dialog says, in one place, for the translation that comes with the Chinese UI. The dialog
/// renders once with the page and is shown by Blazor's script when the connection drops, so these are its texts
/// for the whole visit.
/// </summary>
public static class ReconnectTexts
{
    public const string Rejoining = "Connection lost. Rejoining the server…";
    public const string RetryingBefore = "Still trying to rejoin: next attempt in";
    public const string RetryingAfter = "seconds.";
    public const string Failed = "Could not rejoin the server. Retry, or reload the page.";
    public const string Retry = "Retry";
    public const string Paused = "The session was paused by the server.";
    public const string ResumeFailed = "Could not resume the session. Retry, or reload the page.";
    public const string Resume = "Resume";
}
