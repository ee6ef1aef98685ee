using MemberCards.Tiers;
using MemberCards.Web.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MemberCards.Web.Api;

/// <summary>One refusal as the API sends it: the field (the request's JSON path), the UI's code and arguments, and the message in the caller's language.</summary>
public sealed record ApiFieldError(string Field, string Code, IReadOnlyList<object?> Args, string Message);

/// <summary>
/// RFC 9457 problem details carrying the same <see cref="MessageCode"/>s the pages show, so a till can say what the
/// dashboard would say (in the language of its Accept-Language header, English or Chinese).
/// </summary>
public sealed class ApiProblems(Messages messages)
{
    public ProblemHttpResult Refused(IReadOnlyList<FieldError> errors, int? status = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return Problem(status ?? StatusFor(errors[0].Code), errors);
    }

    public ProblemHttpResult Problem(int status, params IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var first = errors[0];
        var problem = new ProblemDetails
        {
            Type = $"urn:member-cards:problem:{first.Code}",
            Title = messages.Say(first),
            Status = status,
        };
        problem.Extensions["errors"] = errors.Select(ToApi).ToList();
        return TypedResults.Problem(problem);
    }

    public ApiFieldError ToApi(FieldError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new ApiFieldError(JsonField(error.Field), error.Code.ToString(), [.. error.Args.Select(Argument)], messages.Say(error));
    }

    /// <summary>
    /// The service's field ("Lines[0].Quantity") as the request's JSON names it ("lines[0].quantity"). A header
    /// ("Idempotency-Key") keeps its name: no JSON field of the API has a dash.
    /// </summary>
    public static string JsonField(string field) => field is null ? "" : field.Contains('-', StringComparison.Ordinal) ? field
        : string.Join('.', field.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));

    private object? Argument(object? argument) => argument switch
    {
        FieldError nested => ToApi(nested),
        IEnumerable<FieldError> list => list.Select(ToApi).ToList(),
        FieldName field => field.Name,
        Enum value => value.ToString(),
        TierName tier => tier.Name ?? tier.Preset?.ToString(),
        _ => argument,
    };

    private static int StatusFor(MessageCode code) => code switch
    {
        MessageCode.MemberNotFound or MessageCode.PurchaseNotFound or MessageCode.TopUpNotFound or MessageCode.PurchaseMemberUnknown => StatusCodes.Status404NotFound,
        MessageCode.PurchaseAlreadyVoided or MessageCode.TopUpAlreadyVoided => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status422UnprocessableEntity,
    };
}
