using MemberCards.CardValue;

namespace MemberCards.Import;

internal enum PlannedAction
{
    Create,
    Update,
    Unchanged,
}

/// <summary>What the import does with one row: create a member, update the one it matched (<paramref name="MemberId"/>), or nothing.</summary>
internal sealed record PlannedMember(MemberDraft Draft, PlannedAction Action, int? MemberId, bool WritesOpening);

/// <summary>
/// Decides each row against the members already stored and the rows above it: matched by card number (current or
/// retired), then by phone; refused when it repeats a row, a card, a phone or an email of the file, when its phone or
/// email is another member's, or when it gives an opening balance other than the one imported before. A row that
/// matches and says nothing new is unchanged, which is what makes importing a file twice change nothing.
/// </summary>
internal sealed class MemberPlan(MemberBook book)
{
    private readonly Dictionary<string, int> _rowsByText = [];
    private readonly Dictionary<string, int> _rowsByCard = [];
    private readonly Dictionary<string, int> _rowsByPhone = [];
    private readonly Dictionary<string, int> _rowsByEmail = [];

    public PlannedMember? Decide(MemberDraft? draft, ImportCells cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var text = string.Join('\u001f', cells.Row.Cells.Select(c => c.Trim()));
        if (_rowsByText.TryGetValue(text, out var same))
        {
            cells.Refuse(FieldError.Of(MessageCode.ImportDuplicateRow, same));
            return null;
        }
        _rowsByText[text] = cells.Row.Number;
        if (draft is null)
        {
            return null;
        }
        Repeats(cells, _rowsByCard, draft.CardNumber ?? draft.OldCardNumber, ImportField.CardNumber, MessageCode.ImportDuplicateCard);
        Repeats(cells, _rowsByPhone, draft.Phone, ImportField.Phone, MessageCode.ImportDuplicatePhone);
        Repeats(cells, _rowsByEmail, draft.Email, ImportField.Email, MessageCode.ImportDuplicateEmail);
        var matched = Match(draft);
        if (draft.Phone is not null && book.ByPhone.TryGetValue(draft.Phone, out var phoneOwner) && phoneOwner != matched)
        {
            cells.Refuse(new FieldError(nameof(ImportField.Phone), MessageCode.PhoneTaken));
        }
        if (draft.Email is not null && book.ByEmail.TryGetValue(draft.Email, out var emailOwner) && emailOwner != matched)
        {
            cells.Refuse(new FieldError(nameof(ImportField.Email), MessageCode.EmailTaken));
        }
        if (matched is null && draft.Name is null)
        {
            cells.Refuse(new FieldError(nameof(ImportField.Name), MessageCode.MemberNameRequired));
        }
        var writesOpening = draft.HasOpeningBalance;
        if (matched is { } id && book.Openings.TryGetValue(id, out var opening))
        {
            writesOpening = false;
            if (draft.HasOpeningBalance && opening != new CardBalances(draft.PrincipalMinor, draft.BonusMinor, draft.Points))
            {
                cells.Refuse(new FieldError(nameof(ImportField.PrincipalBalance), MessageCode.ImportOpeningBalanceDiffers,
                    Money.ToMajor(opening.PrincipalMinor), Money.ToMajor(opening.BonusMinor), opening.Points));
            }
        }
        if (cells.Errors.Count > 0)
        {
            return null;
        }
        if (matched is not { } memberId)
        {
            return new PlannedMember(draft, PlannedAction.Create, null, writesOpening);
        }
        var changed = writesOpening || Differs(book.ById[memberId], draft);
        return new PlannedMember(draft, changed ? PlannedAction.Update : PlannedAction.Unchanged, memberId, writesOpening);
    }

    private int? Match(MemberDraft draft) =>
        (draft.CardNumber ?? draft.OldCardNumber) is { } card && book.ByCard.TryGetValue(card, out var byCard) ? byCard
        : draft.Phone is not null && book.ByPhone.TryGetValue(draft.Phone, out var byPhone) ? byPhone
        : null;

    internal static bool Differs(KnownMember known, MemberDraft draft) =>
        (draft.Name is not null && draft.Name != known.Name)
        || (draft.Phone is not null && draft.Phone != known.Phone)
        || (draft.Email is not null && draft.Email != known.Email)
        || (draft.Notes is not null && draft.Notes != known.Notes)
        || (draft.MarketingOptIn is { } optIn && optIn != known.MarketingOptIn)
        || (draft.TierId is { } tier && tier != known.TierId);

    private static void Repeats(ImportCells cells, Dictionary<string, int> seen, string? key, ImportField field, MessageCode code)
    {
        if (key is null)
        {
            return;
        }
        if (seen.TryGetValue(key, out var first))
        {
            cells.Refuse(field, code, first);
        }
        else
        {
            seen[key] = cells.Row.Number;
        }
    }
}
