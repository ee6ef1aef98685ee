using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Auditing;
using MemberCards.Data;
using MemberCards.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberCards.CardValue;

/// <summary>Points that expire on one day (the last day they can be spent).</summary>
public sealed record ExpiringPoints(DateOnly LastDay, long Points);

/// <summary>What the card holds now, and which points expire when.</summary>
public sealed record MemberCardValue(int MemberId, MemberStatus Status, CardBalances Balances, IReadOnlyList<ExpiringPoints> Expiring);

/// <summary>One ledger entry as the member page shows it: what moved, the balances after, and what it belongs to.</summary>
public sealed record LedgerRow(long Id, DateTime At, LedgerKind Kind, long PrincipalDeltaMinor, long BonusDeltaMinor, long PointsDelta,
    CardBalances After, int? PurchaseId, int? TopUpId, long? ReversesEntryId, LedgerKind? ReversesKind, string By, string? Reason, bool TopUpVoided);

/// <summary>A page of a member's ledger and the number of entries in all, for the pager.</summary>
public sealed record LedgerPage(IReadOnlyList<LedgerRow> Rows, int Total);

/// <summary>A manager's correction of a card: signed changes and the reason, all required to say why.</summary>
public sealed record CardAdjustment(int MemberId, long PrincipalDeltaMinor, long BonusDeltaMinor, long PointsDelta, string Reason);

/// <summary>
/// A member's card value as people see and correct it: balances with expiring points, the ledger (why every
/// change happened), a manager's adjustment within a daily limit, and closing a card with its cash-out (退卡).
/// </summary>
public sealed class CardValueService(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock, IOptions<MemberCardsOptions> options)
{
    public const int LedgerPageSize = 50;

    private readonly System.Globalization.CultureInfo _culture = System.Globalization.CultureInfo.GetCultureInfo(options.Value.Culture);

    private string Money(long minor) => MemberCards.Money.Format(minor, _culture);

    public async Task<MemberCardValue?> ValueAsync(int memberId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.RequireSignedIn(user);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var member = await db.Members.AsNoTracking().Where(m => m.Id == memberId)
            .Select(m => new { m.Status, Balances = new CardBalances(m.PrincipalMinor, m.BonusMinor, m.Points) })
            .SingleOrDefaultAsync(cancellationToken);
        if (member is null)
        {
            return null;
        }
        var expiring = await db.PointsLots.AsNoTracking()
            .Where(l => l.MemberId == memberId && l.RemainingPoints > 0 && l.ExpiresOn != null)
            .GroupBy(l => l.ExpiresOn)
            .Select(g => new { LastDay = g.Key, Points = g.Sum(l => l.RemainingPoints) })
            .OrderBy(e => e.LastDay)
            .ToListAsync(cancellationToken);
        return new MemberCardValue(memberId, member.Status, member.Balances, [.. expiring.Select(e => new ExpiringPoints(e.LastDay!.Value, e.Points))]);
    }

    /// <summary>The member's ledger, newest first, a page at a time, with how many entries it holds in all.</summary>
    public async Task<LedgerPage> LedgerAsync(int memberId, int page, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.RequireSignedIn(user);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entries = db.LedgerEntries.AsNoTracking().Where(e => e.MemberId == memberId);
        var total = await entries.CountAsync(cancellationToken);
        var rows = await entries
            .OrderByDescending(e => e.Id)
            .Skip(Math.Max(0, page) * LedgerPageSize)
            .Take(LedgerPageSize)
            .Select(e => new LedgerRow(e.Id, e.At, e.Kind, e.PrincipalDeltaMinor, e.BonusDeltaMinor, e.PointsDelta,
                new CardBalances(e.PrincipalAfterMinor, e.BonusAfterMinor, e.PointsAfter), e.PurchaseId, e.TopUpId, e.ReversesEntryId,
                db.LedgerEntries.Where(r => r.Id == e.ReversesEntryId).Select(r => (LedgerKind?)r.Kind).FirstOrDefault(),
                e.By, e.Reason, db.TopUps.Any(t => t.Id == e.TopUpId && t.VoidedAt != null)))
            .ToListAsync(cancellationToken);
        return new LedgerPage(rows, total);
    }

    /// <summary>A manager corrects a balance with a reason, within what one manager may adjust in a store day.</summary>
    public async Task<Result<CardBalances>> AdjustAsync(CardAdjustment input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        Access.Require(user, Roles.Manager);
        if (ChangeReason.Refusal(input.Reason) is { } reasonRefusal)
        {
            return Result<CardBalances>.Refused([reasonRefusal]);
        }
        if (input is { PrincipalDeltaMinor: 0, BonusDeltaMinor: 0, PointsDelta: 0 })
        {
            return Result<CardBalances>.Refused("", MessageCode.AdjustmentNothing);
        }
        return await CardRetry.RunAsync(() => AdjustOnceAsync(input, user, cancellationToken));
    }

    private async Task<Result<CardBalances>> AdjustOnceAsync(CardAdjustment input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var by = Access.Require(user, Roles.Manager);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var account = await CardAccount.LoadAsync(db, input.MemberId, cancellationToken);
        if (account is null)
        {
            return Result<CardBalances>.Refused("", MessageCode.MemberNotFound);
        }
        var refusals = await AdjustmentRefusalsAsync(db, input, account.Read, by, cancellationToken);
        if (refusals.Count > 0)
        {
            return Result<CardBalances>.Refused(refusals);
        }
        var now = clock.UtcNow;
        var details = new EntryDetails(now, by, Reason: input.Reason.Trim());
        if (input.PrincipalDeltaMinor != 0 || input.BonusDeltaMinor != 0)
        {
            account.MoveStoredValue(LedgerKind.Adjustment, input.PrincipalDeltaMinor, input.BonusDeltaMinor, details);
        }
        if (input.PointsDelta > 0)
        {
            var rule = await db.PointsRules.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
            await account.EarnAsync(LedgerKind.Adjustment, input.PointsDelta, rule?.ExpiresOn(clock.Today), details, cancellationToken);
        }
        else if (input.PointsDelta < 0)
        {
            await account.RemovePointsAsync(LedgerKind.Adjustment, -input.PointsDelta, details, cancellationToken);
        }
        await account.SaveAsync(cancellationToken);
        AuditLog.Add(db, now, by, AuditActions.CardAdjusted, nameof(Member), input.MemberId, input);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<CardBalances>.Ok(account.Now);
    }

    /// <summary>
    /// Closes a membership whose card still holds value: the principal left is paid back (退卡), the bonus and
    /// points are forfeited — exactly the figures the person confirmed, or nothing happens.
    /// </summary>
    public async Task<Result<CardBalances>> CloseWithCashOutAsync(int memberId, CardBalances confirmed, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.Require(user, Roles.EditMembers);
        return await CardRetry.RunAsync(() => CloseOnceAsync(memberId, confirmed, user, cancellationToken));
    }

    private async Task<Result<CardBalances>> CloseOnceAsync(int memberId, CardBalances confirmed, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var by = Access.Require(user, Roles.EditMembers);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await CardAccount.LockAsync(db, memberId, cancellationToken);
        var member = await db.Members.SingleOrDefaultAsync(m => m.Id == memberId, cancellationToken);
        if (member is null)
        {
            return Result<CardBalances>.Refused("", MessageCode.MemberNotFound);
        }
        if (member.Status == MemberStatus.Closed)
        {
            return Result<CardBalances>.Refused("", MessageCode.MembershipAlreadyClosed);
        }
        var account = CardAccount.For(db, memberId, new CardBalances(member.PrincipalMinor, member.BonusMinor, member.Points));
        if (account.Read != confirmed)
        {
            return Result<CardBalances>.Refused("", MessageCode.CashOutNotConfirmed, Money(account.Read.PrincipalMinor), Money(account.Read.BonusMinor), account.Read.Points);
        }
        var now = clock.UtcNow;
        var details = new EntryDetails(now, by);
        if (confirmed.StoredValueMinor > 0)
        {
            account.MoveStoredValue(LedgerKind.CashOut, -confirmed.PrincipalMinor, -confirmed.BonusMinor, details);
        }
        if (confirmed.Points > 0)
        {
            await account.RemovePointsAsync(LedgerKind.CashOut, confirmed.Points, details, cancellationToken);
        }
        await account.SaveAsync(cancellationToken);
        member.Status = MemberStatus.Closed;
        member.Version++;
        AuditLog.Add(db, now, by, AuditActions.CardCashedOut, nameof(Member), memberId,
            new { PaidBackMinor = confirmed.PrincipalMinor, ForfeitedBonusMinor = confirmed.BonusMinor, ForfeitedPoints = Math.Max(0, confirmed.Points) });
        // Only the status and version are written: the balances were moved by the account above.
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<CardBalances>.Ok(account.Now);
    }

    private async Task<List<FieldError>> AdjustmentRefusalsAsync(MemberCardsDb db, CardAdjustment input, CardBalances read, string by, CancellationToken cancellationToken)
    {
        var refusals = new List<FieldError>();
        if (read.PrincipalMinor + input.PrincipalDeltaMinor < 0)
        {
            refusals.Add(new FieldError(nameof(input.PrincipalDeltaMinor), MessageCode.AdjustmentBelowZero, Money(read.PrincipalMinor)));
        }
        if (read.BonusMinor + input.BonusDeltaMinor < 0)
        {
            refusals.Add(new FieldError(nameof(input.BonusDeltaMinor), MessageCode.AdjustmentBelowZero, Money(read.BonusMinor)));
        }
        if (input.PointsDelta < 0 && Math.Max(0, read.Points) + input.PointsDelta < 0)
        {
            refusals.Add(new FieldError(nameof(input.PointsDelta), MessageCode.AdjustmentBelowZero, Math.Max(0, read.Points)));
        }
        var since = clock.StartOfDayUtc(clock.Today);
        var today = await db.LedgerEntries.Where(e => e.Kind == LedgerKind.Adjustment && e.By == by && e.At >= since)
            .GroupBy(e => 1)
            .Select(g => new { Value = g.Sum(e => Math.Abs(e.PrincipalDeltaMinor) + Math.Abs(e.BonusDeltaMinor)), Points = g.Sum(e => Math.Abs(e.PointsDelta)) })
            .SingleOrDefaultAsync(cancellationToken);
        var limits = options.Value.StoredValue;
        var valueLeft = limits.AdjustmentDailyLimitMinor - (today?.Value ?? 0);
        if (Math.Abs(input.PrincipalDeltaMinor) + Math.Abs(input.BonusDeltaMinor) > valueLeft)
        {
            refusals.Add(new FieldError(nameof(input.PrincipalDeltaMinor), MessageCode.AdjustmentOverDailyLimit, Money(limits.AdjustmentDailyLimitMinor), Money(Math.Max(0, valueLeft))));
        }
        var pointsLeft = limits.AdjustmentDailyLimitPoints - (today?.Points ?? 0);
        if (Math.Abs(input.PointsDelta) > pointsLeft)
        {
            refusals.Add(new FieldError(nameof(input.PointsDelta), MessageCode.AdjustmentOverDailyLimit, limits.AdjustmentDailyLimitPoints, Math.Max(0, pointsLeft)));
        }
        return refusals;
    }
}
