namespace MemberCards.Accounts;

/// <summary>
/// One signed-in browser of a user, written at sign-in so the user can see where they are signed in and end the others.
/// The user's own data, shown only to them. A session counts while its security stamp is the user's (changing the
/// stamp ends every cookie signed with the old one) and it was seen within a cookie's lifetime.
/// </summary>
public sealed class UserSession
{
    public const int BrowserLength = 60;
    public const int AddressLength = 45;

    public long Id { get; set; }

    public required string UserId { get; set; }

    public DateTime SignedInAt { get; set; }

    public DateTime LastSeenAt { get; set; }

    /// <summary>The browser and system, shortened from the user agent (<see cref="BrowserLabel"/>).</summary>
    public required string Browser { get; set; }

    public string? Address { get; set; }

    public required string SecurityStamp { get; set; }
}
