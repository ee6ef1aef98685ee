using MemberCards.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace MemberCards.Web.Components.Account;

internal static class AccountEndpoints
{
    /// <summary>Sign-out is a POST (with the antiforgery token the form carries), never a link a page could trigger.</summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/Account/Logout", async ([FromServices] SignInManager<AppUser> signInManager, [FromServices] SessionService sessions, HttpContext context, ILogger<SignInLog> log) =>
        {
            log.LogInformation("Signed out: {User} from {Address} at {Utc:O}", context.User.Identity?.Name, context.Connection.RemoteIpAddress, DateTime.UtcNow);
            if (SignInSessions.SessionOf(context.User) is { } session && signInManager.UserManager.GetUserId(context.User) is { } userId)
            {
                await sessions.EndAsync(session, userId, context.RequestAborted);
            }
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect("~/Account/Login");
        });
    }
}

/// <summary>The logger category for sign-in, sign-out and refused access, so they can be routed to a security log.</summary>
public sealed class SignInLog;
