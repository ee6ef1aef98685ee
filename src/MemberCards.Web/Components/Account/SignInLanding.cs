using MemberCards.Accounts;
using MemberCards.Web.Localization;
using Microsoft.AspNetCore.Identity;

namespace MemberCards.Web.Components.Account;

/// <summary>What follows a completed sign-in, with a password alone or with a second factor: the same for both.</summary>
internal sealed class SignInLanding(UserManager<AppUser> users, ILogger<SignInLog> log)
{
    /// <summary>Logs the sign-in, keeps the user's language and says where they go next.</summary>
    public async Task<string> AfterSignInAsync(AppUser user, HttpContext context, string? returnUrl)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(context);
        log.LogInformation("Signed in: {User} from {Address} at {Utc:O}", user.UserName, context.Connection.RemoteIpAddress, DateTime.UtcNow);
        await KeepLanguageAsync(user, context);
        return user.MustChangePassword ? "Account/ChangePassword" : await LandingAsync(user, returnUrl);
    }

    /// <summary>
    /// The user's own language follows them: theirs, when they chose one, is written to this browser's cookie; a choice
    /// made on the sign-in page before signing in becomes theirs.
    /// </summary>
    private async Task KeepLanguageAsync(AppUser user, HttpContext context)
    {
        if (user.Language is { } language && Languages.Match(language) is { } known)
        {
            Languages.WriteCookie(context.Response, known);
        }
        else if (Languages.ReadCookie(context.Request) is { } chosen)
        {
            user.Language = chosen;
            await users.UpdateAsync(user);
        }
    }

    /// <summary>Back where the user was going (a local address only), else the first page their role may open.</summary>
    private async Task<string> LandingAsync(AppUser user, string? returnUrl)
    {
        if (IsLocal(returnUrl))
        {
            return returnUrl!;
        }
        var roles = await users.GetRolesAsync(user);
        return roles.Contains(Roles.Manager) || roles.Contains(Roles.Marketing) ? "" : "members";
    }

    public static bool IsLocal(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl != "/" && Uri.IsWellFormedUriString(returnUrl, UriKind.Relative)
        && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal);
}
