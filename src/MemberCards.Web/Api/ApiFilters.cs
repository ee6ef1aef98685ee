using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MemberCards.ApiKeys;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace MemberCards.Web.Api;

/// <summary>Endpoint filters every API endpoint uses: the scope it needs, and the Idempotency-Key of writes.</summary>
public static class ApiFilters
{
    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>Refuses a key without <paramref name="scope"/> with 403, and writes the refusal to the audit trail.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, ApiScopes scope) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var caller = http.ApiCaller();
            if (caller.Scopes.HasFlag(scope))
            {
                return await next(context);
            }
            var keys = http.RequestServices.GetRequiredService<ApiKeyService>();
            await keys.RecordRefusalAsync(caller, scope, $"{http.Request.Method} {http.Request.Path}", http.Connection.RemoteIpAddress?.ToString(), http.RequestAborted);
            var name = string.Join(' ', ApiScopeNames.Of(scope));
            return http.RequestServices.GetRequiredService<ApiProblems>().Problem(StatusCodes.Status403Forbidden, FieldError.Of(MessageCode.ApiScopeMissing, name));
        });

    /// <summary>
    /// A write needs an Idempotency-Key: the first request under it is answered and the answer kept; the same request
    /// again gets that answer; another request under the same key is refused with 409, the first left as it was.
    /// <paramref name="deduplicatedByService"/>: the service saves under <see cref="ApiRequestLog.OperationKey"/> itself, so two
    /// requests at once may both go through to it (it records one); otherwise the second is told to retry.
    /// </summary>
    public static TBuilder RequireIdempotencyKey<TBuilder>(this TBuilder builder, bool deduplicatedByService) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var problems = http.RequestServices.GetRequiredService<ApiProblems>();
            if (IdempotencyKey(http) is not { } key)
            {
                return problems.Problem(StatusCodes.Status400BadRequest, new FieldError(IdempotencyHeader, MessageCode.ApiIdempotencyKeyMissing, ApiRequest.KeyLength));
            }
            var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            var log = http.RequestServices.GetRequiredService<ApiRequestLog>();
            var claim = await log.ClaimAsync(http.ApiCaller().KeyId, key, RequestHash(http, context.Arguments, json), http.RequestAborted);
            switch (claim.State)
            {
                case ClaimState.Reused:
                    return problems.Problem(StatusCodes.Status409Conflict, new FieldError(IdempotencyHeader, MessageCode.ApiIdempotencyKeyReused));
                case ClaimState.Answered:
                    return new StoredAnswer(claim.StatusCode!.Value, claim.ResponseJson ?? "null");
                case ClaimState.Pending when !deduplicatedByService:
                    return problems.Problem(StatusCodes.Status409Conflict, new FieldError(IdempotencyHeader, MessageCode.ApiIdempotencyKeyPending));
            }
            var result = await next(context);
            if (claim.State == ClaimState.New && Unwrap(result) is IStatusCodeHttpResult { StatusCode: { } status } answered)
            {
                var value = answered is IValueHttpResult { Value: { } body } ? JsonSerializer.Serialize(body, body.GetType(), json) : "null";
                await log.AnswerAsync(claim.RequestId, status, value, CancellationToken.None);
            }
            return result;
        });

    /// <summary>The key the caller sent, or null when it is missing or too long.</summary>
    public static string? IdempotencyKey(HttpContext http) =>
        http?.Request.Headers[IdempotencyHeader] is [{ Length: > 0 and <= ApiRequest.KeyLength } key] ? key : null;

    /// <summary>The idempotency key the service saves this request's purchase or top-up under.</summary>
    public static Guid OperationKey(HttpContext http) =>
        ApiRequestLog.OperationKey(http.ApiCaller().KeyId, IdempotencyKey(http) ?? throw new InvalidOperationException("The idempotency filter lets no write through without a key."));

    private static byte[] RequestHash(HttpContext http, IList<object?> arguments, JsonSerializerOptions json)
    {
        var text = new StringBuilder().Append(http.Request.Method).Append(' ').Append(http.Request.Path);
        foreach (var argument in arguments.Where(a => a is not (HttpContext or CancellationToken)))
        {
            text.Append('\n').Append(argument is null ? "null" : JsonSerializer.Serialize(argument, argument.GetType(), json));
        }
        return SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
    }

    private static object? Unwrap(object? result) => result is INestedHttpResult nested ? Unwrap(nested.Result) : result;

    /// <summary>The first answer to a request, given again as it was (problem answers keep their content type).</summary>
    private sealed class StoredAnswer(int statusCode, string json) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = statusCode;
            httpContext.Response.ContentType = statusCode >= 400 ? "application/problem+json" : "application/json; charset=utf-8";
            return httpContext.Response.WriteAsync(json);
        }
    }
}
