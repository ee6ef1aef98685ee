using System.Globalization;
using System.Security.Claims;
using MemberCards.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MemberCards.Web.Components.Account;

/// <summary>
/// Keeps <see cref="UserSession"/> rows in step with the sign-in cookie: every sign-in (password, code, recovery code)
/// records one and puts its id in the cookie; a refreshed sign-in of the same user keeps its session; signing out
/// forgets it, and a cookie of a forgotten session is refused at its next check. Identity rebuilds the cookie's claims when it re-checks the security stamp: the session and how the
/// user signed in (a second factor or not) are carried over, or a manager would be sent to set-up after the check.
/// </summary>
internal static class SignInSessions
{
    public const string SessionClaim = "membercards:session";

    public static async Task OnSigningInAsync(CookieSigningInContext context)
    {
        var principal = context.Principal!;
        var identity = (ClaimsIdentity)principal.Identity!;
        var claimTypes = context.HttpContext.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var userId = principal.FindFirstValue(claimTypes.UserIdClaimType);
        var stamp = principal.FindFirstValue(claimTypes.SecurityStampClaimType);
        if (userId is null || stamp is null)
        {
            return;
        }
        var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionService>();
        var signedIn = context.HttpContext.User;
        var abort = context.HttpContext.RequestAborted;
        var id = signedIn.FindFirstValue(claimTypes.UserIdClaimType) == userId && SessionOf(signedIn) is { } current
            && await sessions.RenewAsync(current, userId, stamp, abort)
            ? current
            : await sessions.StartAsync(userId, stamp, BrowserLabel.From(context.HttpContext.Request.Headers.UserAgent), context.HttpContext.Connection.RemoteIpAddress?.ToString(), abort);
        identity.AddClaim(new Claim(SessionClaim, id.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// Identity's security stamp check, when its period has passed, then the session's: a cookie whose session was
    /// signed out (its row is gone) ends too, even if the browser kept a copy. What anyone may fetch but a page (static
    /// files, the language switch, health) skips both: nothing there needs the user, and a renewed cookie answering a
    /// file fetched while the user signs out would sign them back in. Pages are checked, the sign-in pages too: their
    /// forms' antiforgery tokens are made for the user the check leaves.
    /// </summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context, Func<CookieValidatePrincipalContext, Task> stampCheck)
    {
        if (context.HttpContext.GetEndpoint()?.Metadata is { } metadata && metadata.GetMetadata<IAllowAnonymous>() is not null
            && metadata.GetMetadata<ComponentTypeMetadata>() is null)
        {
            return;
        }
        await stampCheck(context);
        // ShouldRenew: the stamp was checked just now and the cookie is being rebuilt with the account's current claims.
        if (!context.ShouldRenew || context.Principal is not { } principal || SessionOf(principal) is not { } session)
        {
            return;
        }
        var claimTypes = context.HttpContext.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionService>();
        if (principal.FindFirstValue(claimTypes.UserIdClaimType) is not { } userId || principal.FindFirstValue(claimTypes.SecurityStampClaimType) is not { } stamp
            || !await sessions.RenewAsync(session, userId, stamp, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }

    /// <summary>The claims Identity's rebuilt principal lacks: this session's id and how the user signed in.</summary>
    public static Task OnRefreshingPrincipalAsync(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.NewPrincipal?.Identity is ClaimsIdentity identity && context.CurrentPrincipal is { } current)
        {
            foreach (var kept in current.Claims.Where(c => c.Type is SessionClaim or TwoFactorPolicy.MethodClaim && !identity.HasClaim(c.Type, c.Value)).ToList())
            {
                identity.AddClaim(new Claim(kept.Type, kept.Value));
            }
        }
        return Task.CompletedTask;
    }

    public static long? SessionOf(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(SessionClaim), CultureInfo.InvariantCulture, out var id) ? id : null;
}
