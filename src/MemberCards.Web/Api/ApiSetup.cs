using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using MemberCards.ApiKeys;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace MemberCards.Web.Api;

/// <summary>The /api/v1 surface: API-key authentication, a rate limit per key, strict JSON, OpenAPI and its reference page.</summary>
public static class ApiSetup
{
    public const string Prefix = "/api/v1";
    public const string Policy = "ApiKey";
    public const string RateLimit = "PerApiKey";

    public static IServiceCollection AddMemberCardsApi(this IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName).RequireAuthenticatedUser());
        services.AddScoped<ApiProblems>();
        // Minimal APIs only (the pages don't read JSON bodies): an unknown field, a missing one, a number as a string or with
        // a fraction is refused rather than guessed at; binding failures are thrown so ApiRequestErrors can say which field.
        services.Configure<JsonOptions>(options =>
        {
            var json = options.SerializerOptions;
            json.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            json.NumberHandling = JsonNumberHandling.Strict;
            json.RespectNullableAnnotations = true;
            json.RespectRequiredConstructorParameters = true;
            json.Converters.Add(new JsonStringEnumConverter());
        });
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(RateLimit, context =>
            {
                var api = context.RequestServices.GetRequiredService<IOptions<MemberCardsOptions>>().Value.Api;
                return RateLimitPartition.GetTokenBucketLimiter(ApiCaller.KeyIdOf(context.User) ?? 0, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = api.Burst,
                    TokensPerPeriod = api.RequestsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var problems = rejected.HttpContext.RequestServices.GetRequiredService<ApiProblems>();
                await problems.Problem(StatusCodes.Status429TooManyRequests, FieldError.Of(MessageCode.ApiRateLimited, seconds)).ExecuteAsync(rejected.HttpContext);
            };
        });
        services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Member Cards API";
            document.Info.Description = "Tills and online stores: find members, quote and record purchases, top up, void, read changes. "
                + "Authenticate with an API key in the X-Api-Key header; every write needs an Idempotency-Key header.";
            return Task.CompletedTask;
        }));
        return services;
    }

    public static WebApplication MapMemberCardsApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup(Prefix)
            .RequireAuthorization(Policy)
            .RequireRateLimiting(RateLimit)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(ApiRequestErrors.MaxBodyBytes))
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapMembersApi();
        api.MapPurchasesApi();
        api.MapChangesApi();
        // Anything else under /api/v1 is a problem too, never the HTML "not found" page.
        app.MapFallback($"{Prefix}/{{**rest}}", (ApiProblems problems) => problems.Problem(StatusCodes.Status404NotFound, FieldError.Of(MessageCode.ApiNotFound)))
            .AllowAnonymous().ExcludeFromDescription();
        // The OpenAPI document and its reference page, served by the app itself (scalar.js comes from the package, no CDN, no fonts from outside).
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/api/reference", options => options.WithTitle("Member Cards API").DisableDefaultFonts().DisableTelemetry()
            .AddPreferredSecuritySchemes(ApiKeyAuthentication.SchemeName)).AllowAnonymous();
        return app;
    }
}
