using System.Security.Claims;
using MemberCards.Accounts;

namespace MemberCards.ApiKeys;

/// <summary>
/// Who calls the API: a key, acting with the roles its scopes need in the services (which check roles themselves),
/// under a name that says the key, so every audit entry of its writes names it.
/// </summary>
public sealed record ApiCaller(int KeyId, string KeyName, ApiScopes Scopes)
{
    public const string AuthenticationType = "ApiKey";
    public const string KeyIdClaim = "api_key_id";
    public const string ScopeClaim = "scope";

    /// <summary>The user name the services and the audit trail see.</summary>
    public string UserName => $"api:{KeyName}";

    public ClaimsPrincipal ToPrincipal()
    {
        List<Claim> claims = [new(ClaimTypes.Name, UserName), new(KeyIdClaim, KeyId.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        claims.AddRange(ApiScopeNames.Of(Scopes).Select(s => new Claim(ScopeClaim, s)));
        claims.AddRange(RolesFor(Scopes).Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, AuthenticationType));
    }

    /// <summary>Voiding is a manager's; everything else a key may do is what staff do at the till.</summary>
    public static IReadOnlyList<string> RolesFor(ApiScopes scopes) =>
        [.. (scopes & ~ApiScopes.VoidPurchases) != ApiScopes.None ? [Roles.Staff] : Array.Empty<string>(),
         .. scopes.HasFlag(ApiScopes.VoidPurchases) ? [Roles.Manager] : Array.Empty<string>()];

    public static int? KeyIdOf(ClaimsPrincipal user) =>
        user?.Identity?.AuthenticationType == AuthenticationType && int.TryParse(user.FindFirstValue(KeyIdClaim), out var id) ? id : null;
}

/// <summary>The scopes as the API and its documentation name them.</summary>
public static class ApiScopeNames
{
    public static IReadOnlyDictionary<ApiScopes, string> Names { get; } = new Dictionary<ApiScopes, string>
    {
        [ApiScopes.ReadMembers] = "members:read",
        [ApiScopes.WriteMembers] = "members:write",
        [ApiScopes.RecordPurchases] = "purchases:write",
        [ApiScopes.TopUp] = "top-ups:write",
        [ApiScopes.VoidPurchases] = "purchases:void",
        [ApiScopes.ReadPurchases] = "purchases:read",
    };

    public static IEnumerable<string> Of(ApiScopes scopes) => Names.Where(n => scopes.HasFlag(n.Key)).Select(n => n.Value);
}
