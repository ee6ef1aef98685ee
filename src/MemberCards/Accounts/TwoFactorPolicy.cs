using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace MemberCards.Accounts;

/// <summary>
/// Who must sign in with a second factor (managers, unless <c>MemberCards:SignIn:TwoFactorForManagers</c> is false),
/// and whether a signed-in session gave one. Staff and marketing may turn it on for themselves.
/// </summary>
public sealed class TwoFactorPolicy(IOptions<MemberCardsOptions> options)
{
    public const int RecoveryCodeCount = 10;

    /// <summary>The claim ASP.NET Core Identity's SignInManager writes with how the user signed in.</summary>
    public const string MethodClaim = "amr";

    /// <summary>Its value for a sign-in with a password and a second factor (an authenticator code or a recovery code).</summary>
    public const string WithSecondFactor = "mfa";

    public bool IsRequiredFor(IEnumerable<string> roles) => options.Value.SignIn.TwoFactorForManagers && roles.Contains(Roles.Manager);

    public bool IsSatisfiedBy(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.HasClaim(MethodClaim, WithSecondFactor) || !IsRequiredFor(user.FindAll(ClaimTypes.Role).Select(c => c.Value));
    }
}
