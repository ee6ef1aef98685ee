using System.Text.Json;

namespace MemberCards.Web.Api;

/// <summary>
/// A request body the API can't read — not JSON, a field the request doesn't have, a fraction of a fen, too large —
/// answered as problem details naming the field, instead of an empty 400 or the HTML error page.
/// </summary>
public static class ApiRequestErrors
{
    public const long MaxBodyBytes = 64 * 1024;

    public static IApplicationBuilder UseApiRequestErrors(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!context.Request.Path.StartsWithSegments(ApiSetup.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            await next();
            return;
        }
        try
        {
            await next();
        }
        catch (BadHttpRequestException refused) when (!context.Response.HasStarted)
        {
            var problems = context.RequestServices.GetRequiredService<ApiProblems>();
            var (status, error) = refused.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? (StatusCodes.Status413PayloadTooLarge, FieldError.Of(MessageCode.ApiBodyTooLarge, MaxBodyBytes))
                : (StatusCodes.Status400BadRequest, Unreadable(refused.InnerException as JsonException));
            await problems.Problem(status, error).ExecuteAsync(context);
        }
    });

    private static FieldError Unreadable(JsonException? json)
    {
        var field = json?.Path is { Length: > 1 } path ? path.TrimStart('$').TrimStart('.') : "";
        var message = json?.Message ?? "";
        var code = message.Contains("could not be mapped", StringComparison.Ordinal) ? MessageCode.ApiUnknownField
            : message.Contains("converted to System.Int", StringComparison.Ordinal) ? MessageCode.ApiNotWholeMinor
            : MessageCode.ApiBodyUnreadable;
        return new FieldError(field, code);
    }
}
