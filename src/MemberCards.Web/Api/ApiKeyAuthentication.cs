using System.Security.Claims;
using System.Text.Encodings.Web;
using MemberCards.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace MemberCards.Web.Api;

/// <summary>
/// Authenticates /api/v1 requests by an API key in <c>X-Api-Key</c> or <c>Authorization: Bearer</c>. It is never the
/// default scheme: only the API's endpoints name it, so a key opens no page and the sign-in cookie opens no API call.
/// </summary>
public sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiKeyService keys, ApiProblems problems) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Presented(Request) is not { } presented)
        {
            return AuthenticateResult.NoResult();
        }
        var caller = await keys.AuthenticateAsync(presented, Context.RequestAborted);
        if (caller is null)
        {
            return AuthenticateResult.Fail("The API key is unknown or revoked.");
        }
        Context.Features.Set(caller);
        var principal = caller.ToPrincipal();
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var code = Presented(Request) is null ? MessageCode.ApiKeyMissing : MessageCode.ApiKeyInvalid;
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{HeaderName}\", Bearer";
        await problems.Problem(StatusCodes.Status401Unauthorized, FieldError.Of(code)).ExecuteAsync(Context);
    }

    private static string? Presented(HttpRequest request)
    {
        if (request.Headers[HeaderName] is [{ Length: > 0 } key])
        {
            return key.Trim();
        }
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization.Length > 7 ? authorization[7..].Trim() : null;
    }
}

/// <summary>The caller of an API endpoint, as the authentication handler found it.</summary>
public static class ApiCallerExtensions
{
    public static ApiCaller ApiCaller(this HttpContext context) =>
        context?.Features.Get<ApiCaller>() ?? throw new InvalidOperationException("An API endpoint ran without an authenticated API key.");

    public static ClaimsPrincipal Principal(this HttpContext context) => context?.User ?? throw new ArgumentNullException(nameof(context));
}
