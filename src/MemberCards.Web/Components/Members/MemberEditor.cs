using MemberCards.Members;
using MemberCards.Web.Localization;

namespace MemberCards.Web.Components.Members;

/// <summary>The row being edited inline in the members grid: the values typed so far and the messages for each field.</summary>
public sealed class MemberEditor(MemberRow loaded)
{
    public MemberRow Loaded { get; } = loaded;
    public string Name { get; set; } = loaded.Name;
    public string? Email { get; set; } = loaded.Email;
    public string? Phone { get; set; } = loaded.Phone;
    public bool MarketingOptIn { get; set; } = loaded.MarketingOptIn;
    public string? Notes { get; set; } = loaded.Notes;

    /// <summary>Set when someone else saved the member first: their change, and the offer to reload.</summary>
    public string? Conflict { get; private set; }

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    /// <summary>True while the save is running: the Save button is disabled and another Enter is ignored.</summary>
    public bool Saving { get; set; }

    public bool IsEditing(MemberRow row) => row.Id == Loaded.Id;

    public string? ErrorFor(string field) => _said.GetValueOrDefault(field);

    public MemberEdit ToEdit() => new(Loaded, Name, Email, Phone, MarketingOptIn, Notes);

    private Dictionary<string, string> _said = [];

    /// <summary>Keeps the refusals, said once in the user's language.</summary>
    public void Refused(IReadOnlyList<FieldError> errors, Messages messages)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(messages);
        Conflict = errors.FirstOrDefault(e => e.Field is nameof(Member.Version) or "") is { } conflict ? messages.Say(conflict) : null;
        Errors = errors;
        _said = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => messages.Say(g.First()));
    }
}
