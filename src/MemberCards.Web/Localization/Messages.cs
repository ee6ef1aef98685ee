using System.Globalization;
using Microsoft.Extensions.Localization;

namespace MemberCards.Web.Localization;

/// <summary>
/// Says a service's <see cref="FieldError"/> in the user's language: the code's text from ProblemText.resx with its
/// arguments, nested messages, field names and enum values rendered in the same language.
/// </summary>
public sealed class Messages(IStringLocalizer<ProblemText> problems, IStringLocalizer<SharedText> shared)
{
    public string Say(FieldError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return string.Format(CultureInfo.CurrentCulture, problems[error.Code.ToString()].Value, [.. error.Args.Select(Render)]);
    }

    /// <summary>All refusals of one field (or of the whole form, field ""), one sentence after another.</summary>
    public string? For(IEnumerable<FieldError> errors, string field)
    {
        var said = errors.Where(e => e.Field == field).Select(Say).ToList();
        return said.Count == 0 ? null : string.Join(" ", said);
    }

    /// <summary>A member's name, or "anonymized member" in the reader's language: no name is stored for them.</summary>
    public string MemberName(MemberCards.Members.MemberRow member) =>
        member?.Anonymized == true ? shared["AnonymizedMember"] : member?.Name ?? "";

    public string Role(string role) => shared[$"Role_{role}"];

    public string Enum(Enum value) => shared[$"{value.GetType().Name}_{value}"];

    /// <summary>A tier by the manager's name for it, or a preset tier's name in the reader's language.</summary>
    public string Tier(MemberCards.Tiers.TierName tier) => tier.Name ?? (tier.Preset is { } preset ? Enum(preset) : "");

    private object? Render(object? argument) => argument switch
    {
        null => shared["Empty"].Value,
        FieldError nested => Say(nested),
        IEnumerable<FieldError> list => string.Join(shared["ListSeparator"].Value, list.Select(Say)),
        FieldName field => shared[$"Field_{field.Name}"].Value,
        Enum value => Enum(value),
        MemberCards.Tiers.TierName tier => Tier(tier),
        _ => argument,
    };
}
