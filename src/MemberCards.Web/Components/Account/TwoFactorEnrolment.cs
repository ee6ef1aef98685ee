using MemberCards.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace MemberCards.Web.Components.Account;

/// <summary>
/// The one place that holds <see cref="TwoFactorPolicy"/>: a user whose role needs a second factor and who signed in
/// without one (not set up yet, or reset by a manager) is sent to set it up from every page but the account pages
/// and the ones anyone may open. Pages are reached by requests only: a user without a second factor never has an
/// interactive page (a circuit) to navigate from, and the set-up page is a plain form.
/// </summary>
internal static class TwoFactorEnrolment
{
    public const string SetUpPath = "/Account/TwoFactor";

    public static IApplicationBuilder UseTwoFactorEnrolment(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var user = context.User;
        if (user.Identity is { IsAuthenticated: true, AuthenticationType: var scheme } && scheme == IdentityConstants.ApplicationScheme
            && !context.Request.Path.StartsWithSegments("/Account", StringComparison.OrdinalIgnoreCase)
            && context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is null
            && !context.RequestServices.GetRequiredService<TwoFactorPolicy>().IsSatisfiedBy(user))
        {
            context.Response.Redirect(SetUpPath);
            return;
        }
        await next();
    });
}
