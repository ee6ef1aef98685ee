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
        // The API answers in problem details, never with the HTML "not found" page the status code pages would render.
        if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }
        try
        {
            await next();
            // A body over the limit is answered 413 by the parameter binding itself, with nothing in it.
            if (context.Response.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
            {
                await context.RequestServices.GetRequiredService<ApiProblems>()
                    .Problem(StatusCodes.Status413PayloadTooLarge, FieldError.Of(MessageCode.ApiBodyTooLarge, MaxBodyBytes)).ExecuteAsync(context);
            }
        }
        catch (BadHttpRequestException refused) when (!context.Response.HasStarted)
        {
            var problems = context.RequestServices.GetRequiredService<ApiProblems>();
            // Kestrel's 413 arrives wrapped in the 400 of the parameter it was reading.
            var tooLarge = refused.StatusCode == StatusCodes.Status413PayloadTooLarge
                || refused.InnerException is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge };
            var (status, error) = tooLarge
                ? (StatusCodes.Status413PayloadTooLarge, FieldError.Of(MessageCode.ApiBodyTooLarge, MaxBodyBytes))
                : (StatusCodes.Status400BadRequest, Unreadable(refused.InnerException as JsonException));
            await problems.Problem(status, error).ExecuteAsync(context);
        }
    });

    private static FieldError Unreadable(JsonException? json)
    {
        var field = json?.Path is { Length: > 1 } path ? path.TrimStart('$').TrimStart('.') : "";
        // System.Text.Json says which in its messages only: an unmapped member, or a number it could not read as an integer
        // (12.5, or "12" while numbers as strings are refused).
        var code = json?.Message.Contains("could not be mapped", StringComparison.Ordinal) == true ? MessageCode.ApiUnknownField
            : json?.InnerException is FormatException || json?.InnerException?.Message.Contains("as a number", StringComparison.Ordinal) == true ? MessageCode.ApiNotWholeMinor
            : MessageCode.ApiBodyUnreadable;
        return new FieldError(field, code);
    }
}
