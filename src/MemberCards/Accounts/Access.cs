using System.Security.Claims;

namespace MemberCards.Accounts;

/// <summary>
/// Thrown when a service is called by a user whose role does not allow it. Pages hide what a role may not do,
/// so reaching this means a bug or a hand-made request: it is an error, not a message to fix.
/// </summary>
public sealed class AccessDeniedException(string message) : Exception(message);

/// <summary>Role checks the services make themselves, whatever page called them.</summary>
public static class Access
{
    /// <summary>Returns the user's name when they are signed in and hold one of the roles (comma-separated).</summary>
    public static string Require(ClaimsPrincipal user, string roles)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(roles);
        var name = user.Identity is { IsAuthenticated: true, Name: { Length: > 0 } signedIn } ? signedIn : null;
        if (name is null)
        {
            throw new AccessDeniedException("Sign in first.");
        }
        if (!roles.Split(',').Any(user.IsInRole))
        {
            throw new AccessDeniedException($"{name} may not do this: it needs the role {roles.Replace(",", " or ", StringComparison.Ordinal)}.");
        }
        return name;
    }

    /// <summary>Any signed-in user (every role may view and search members).</summary>
    public static string RequireSignedIn(ClaimsPrincipal user) => Require(user, string.Join(',', Roles.All));

    /// <summary>The identity the app itself acts as when it loads demo data: a manager named "demo-data".</summary>
    public static ClaimsPrincipal System { get; } = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "demo-data"), new Claim(ClaimTypes.Role, Roles.Manager)], authenticationType: "system"));
}
