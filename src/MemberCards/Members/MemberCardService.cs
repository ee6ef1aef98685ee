using System.Globalization;
using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Auditing;
using MemberCards.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Members;

/// <summary>
/// A card's life: freeze and unfreeze, report lost (a new number; the old one kept in the card history), close the
/// membership, and anonymize it. None of these touches a purchase, so every figure stays as it was.
/// </summary>
public sealed class MemberCardService(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock)
{
    public Task<Result<MemberRow>> FreezeAsync(int memberId, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ChangeAsync(memberId, user, Roles.EditMembers, AuditActions.CardFrozen, (member, _) => member.Status switch
        {
            MemberStatus.Active => Apply(() => member.Status = MemberStatus.Frozen),
            MemberStatus.Frozen => MessageCode.CardAlreadyFrozen,
            _ => MessageCode.CardClosedCannotFreeze,
        }, cancellationToken);

    public Task<Result<MemberRow>> UnfreezeAsync(int memberId, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ChangeAsync(memberId, user, Roles.EditMembers, AuditActions.CardUnfrozen, (member, _) => member.Status == MemberStatus.Frozen
            ? Apply(() => member.Status = MemberStatus.Active)
            : MessageCode.CardNotFrozen, cancellationToken);

    /// <summary>Issues a new card number to a member whose card is lost; the old number stays findable in the card history.</summary>
    public Task<Result<MemberRow>> ReportLostAsync(int memberId, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ChangeAsync(memberId, user, Roles.EditMembers, AuditActions.CardReissued, (member, db) =>
        {
            if (member.Status == MemberStatus.Closed)
            {
                return MessageCode.CardClosedNoNewCard;
            }
            var now = clock.UtcNow;
            db.RetiredCards.Add(new RetiredCard { MemberId = member.Id, CardNumber = member.CardNumber, IssuedAt = member.CardIssuedAt, RetiredAt = now, Reason = CardRetirement.Lost });
            member.CardNumber = FreeCardNumber(db);
            member.CardIssuedAt = now;
            // A card is often frozen while it is missing; the new card is the one to use.
            member.Status = MemberStatus.Active;
            return null;
        }, cancellationToken);

    public Task<Result<MemberRow>> CloseAsync(int memberId, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ChangeAsync(memberId, user, Roles.EditMembers, AuditActions.MembershipClosed, (member, _) => member.Status switch
        {
            MemberStatus.Closed => MessageCode.MembershipAlreadyClosed,
            // A card holding value is closed with its cash-out (CardValueService), the figures confirmed first.
            _ when member.PrincipalMinor + member.BonusMinor > 0 || member.Points > 0 => MessageCode.CloseNeedsCashOut,
            _ => Apply(() => member.Status = MemberStatus.Closed),
        }, cancellationToken);

    /// <summary>Opens a closed membership again (managers), e.g. to void a purchase paid from its card; never an anonymized one.</summary>
    public Task<Result<MemberRow>> ReopenAsync(int memberId, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ChangeAsync(memberId, user, Roles.Manager, AuditActions.CardReopened, (member, _) => member switch
        {
            { Status: not MemberStatus.Closed } => MessageCode.CardNotClosed,
            { AnonymizedAt: not null } => MessageCode.MemberAnonymizedReadOnly,
            // A merged member comes back only by undoing the merge, which gives it back its history.
            { MergedIntoId: not null } => MessageCode.MemberMergedReadOnly,
            _ => Apply(() => member.Status = MemberStatus.Active),
        }, cancellationToken);

    /// <summary>
    /// Erases the personal fields (also from the details of the member's audit entries) and closes the membership.
    /// Purchases and figures stay, so totals don't change. Managers only; it cannot be undone.
    /// </summary>
    public Task<Result<MemberRow>> AnonymizeAsync(int memberId, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ChangeAsync(memberId, user, Roles.Manager, AuditActions.MemberAnonymized, (member, db) =>
        {
            if (member.AnonymizedAt is not null)
            {
                return MessageCode.MemberAlreadyAnonymized;
            }
            if (member.PrincipalMinor + member.BonusMinor > 0 || member.Points > 0)
            {
                return MessageCode.AnonymizeBalanceLeft;
            }
            // No name at all: the UI shows "anonymized member" in the reader's language from AnonymizedAt.
            member.SetName("");
            member.Email = null;
            member.Phone = null;
            member.Notes = null;
            member.MarketingOptIn = false;
            member.MarketingOptInAt = null;
            member.Status = MemberStatus.Closed;
            member.AnonymizedAt = clock.UtcNow;
            var id = member.Id.ToString(CultureInfo.InvariantCulture);
            foreach (var entry in db.AuditEntries.Where(e => e.EntityType == nameof(Member) && e.EntityId == id))
            {
                entry.Details = null;
            }
            return null;
        }, cancellationToken);

    private static MessageCode? Apply(Action change)
    {
        change();
        return null;
    }

    /// <summary>Loads the member inside a write transaction, applies the change (or its refusal) and writes the audit entry with it.</summary>
    private async Task<Result<MemberRow>> ChangeAsync(int memberId, ClaimsPrincipal user, string roles, string action,
        Func<Member, MemberCardsDb, MessageCode?> change, CancellationToken cancellationToken)
    {
        var actor = Access.Require(user, roles);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var member = await db.Members.Include(m => m.Tier).SingleOrDefaultAsync(m => m.Id == memberId, cancellationToken);
        if (member is null)
        {
            return Result<MemberRow>.Refused("", MessageCode.MemberNotFound);
        }
        var (status, card) = (member.Status, member.CardNumber);
        var refusal = change(member, db);
        if (refusal is { } code)
        {
            return Result<MemberRow>.Refused(nameof(Member.Status), code);
        }
        member.Version++;
        AuditLog.Add(db, clock.UtcNow, actor, action, nameof(Member), member.Id, new
        {
            Status = status == member.Status ? null : new[] { status.ToString(), member.Status.ToString() },
            CardNumber = card == member.CardNumber ? null : new[] { card, member.CardNumber },
        });
        if (!await db.TrySaveChangesAsync(cancellationToken))
        {
            return Result<MemberRow>.Refused("", MessageCode.MemberChangedAtOnce);
        }
        await transaction.CommitAsync(cancellationToken);
        return Result<MemberRow>.Ok(MemberService.ToRow(member));
    }

    private static string FreeCardNumber(MemberCardsDb db)
    {
        while (true)
        {
            var candidate = CardNumber.Generate(Random.Shared);
            if (!db.Members.Any(m => m.CardNumber == candidate) && !db.RetiredCards.Any(c => c.CardNumber == candidate))
            {
                return candidate;
            }
        }
    }
}
