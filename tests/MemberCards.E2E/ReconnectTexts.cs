namespace MemberCards.E2E;

/// <summary>What the reconnect dialog says in English (LayoutText.resx), as the browser tests expect to read it.</summary>
internal static class ReconnectTexts
{
    public const string Rejoining = "Connection lost. Rejoining the server…";
    public const string RetryingBefore = "Still trying to rejoin: next attempt in";
    public const string Failed = "Could not rejoin the server. Retry, or reload the page.";
    public const string Paused = "The session was paused by the server.";
    public const string ResumeFailed = "Could not resume the session. Retry, or reload the page.";
    public const string Retry = "Retry";
    public const string Resume = "Resume";
}
