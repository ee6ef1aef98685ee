using MemberCards.Members;

namespace MemberCards.Import;

/// <summary>
/// One row of a members file, read: the card number to keep (a valid one) or the old one to keep in the card history
/// (any other), the member's fields (null where the cell is empty: an update keeps what is stored), and the
/// opening balances. Dates are UTC, read as the store's local dates.
/// </summary>
internal sealed record MemberDraft(
    ImportRow Row,
    string? CardNumber,
    string? OldCardNumber,
    string? Name,
    string? Phone,
    string? Email,
    string? Notes,
    bool? MarketingOptIn,
    DateTime? MarketingOptInAt,
    DateTime? JoinedAt,
    int? TierId,
    long PrincipalMinor,
    long BonusMinor,
    long Points,
    DateOnly? PointsExpireOn)
{
    public bool HasOpeningBalance => PrincipalMinor != 0 || BonusMinor != 0 || Points != 0;

    public const int OldCardLength = RetiredCard.NumberLength;

    public static MemberDraft? Read(ImportCells cells, StoreClock clock, IReadOnlyDictionary<string, int> tiersByName, string region)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(tiersByName);
        var card = cells.Text(ImportField.CardNumber) is { } typed ? Members.CardNumber.Normalize(typed) : null;
        if (card is not null && !Members.CardNumber.IsValid(card) && card.Length > OldCardLength)
        {
            cells.Refuse(ImportField.CardNumber, MessageCode.ImportOldCardTooLong, OldCardLength);
        }
        var name = cells.Text(ImportField.Name);
        var phone = cells.Text(ImportField.Phone);
        var email = cells.Text(ImportField.Email);
        var notes = cells.Text(ImportField.Notes);
        var optIn = cells.YesNo(ImportField.MarketingOptIn);
        var optInAt = Past(cells, ImportField.MarketingOptInAt, clock);
        var joinedAt = Past(cells, ImportField.JoinedAt, clock);
        int? tierId = null;
        if (cells.Text(ImportField.Tier) is { } tier)
        {
            if (tiersByName.TryGetValue(tier.ToLowerInvariant(), out var id))
            {
                tierId = id;
            }
            else
            {
                cells.Refuse(ImportField.Tier, MessageCode.ImportTierUnknown, tier);
            }
        }
        var principal = cells.Money(ImportField.PrincipalBalance) ?? 0;
        var bonus = cells.Money(ImportField.BonusBalance) ?? 0;
        var points = cells.Count(ImportField.Points) ?? 0;
        var expireOn = cells.Date(ImportField.PointsExpireOn) is { } last ? DateOnly.FromDateTime(last) : (DateOnly?)null;
        if (expireOn < clock.Today && points > 0)
        {
            cells.Refuse(ImportField.PointsExpireOn, MessageCode.ImportPointsExpired);
        }
        foreach (var error in MemberRules.Validate(new NewMember(name ?? "-", email, phone, Notes: notes), region))
        {
            cells.Refuse(error);
        }
        return cells.Errors.Count > 0 ? null : new MemberDraft(cells.Row, card is not null && Members.CardNumber.IsValid(card) ? card : null,
            card is not null && !Members.CardNumber.IsValid(card) ? card : null, name, phone is null ? null : PhoneNumber.Normalize(phone),
            MemberRules.NormalizeEmail(email), notes, optIn, optInAt, joinedAt, tierId, principal, bonus, points, expireOn);
    }

    private static DateTime? Past(ImportCells cells, ImportField field, StoreClock clock)
    {
        if (cells.Date(field) is not { } local)
        {
            return null;
        }
        var utc = clock.ToUtc(local);
        if (utc > clock.UtcNow)
        {
            cells.Refuse(field, MessageCode.ImportDateInFuture);
            return null;
        }
        return utc;
    }
}
