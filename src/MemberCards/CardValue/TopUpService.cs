using System.Globalization;
using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Auditing;
using MemberCards.Data;
using MemberCards.Members;
using MemberCards.Tiers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberCards.CardValue;

/// <param name="IdempotencyKey">Chosen once per top-up dialog: saving again with the same key tops up nothing more.</param>
public sealed record NewTopUp(int MemberId, long AmountMinor, PaymentMethod Method, string? MethodLabel = null, Guid? IdempotencyKey = null);

/// <summary>What a top-up of an amount gives under today's rules, shown before saving; refusals say why it can't be saved.</summary>
public sealed record TopUpQuote(long AmountMinor, long BonusMinor, long BonusPoints, TopUpRule? Rule, CardBalances Before, IReadOnlyList<FieldError> Refusals)
{
    public CardBalances After => Before with { PrincipalMinor = Before.PrincipalMinor + AmountMinor, BonusMinor = Before.BonusMinor + BonusMinor, Points = Before.Points + BonusPoints };
}

/// <param name="AlreadyRecorded">True when the key had been saved before: this is that top-up, not a new one.</param>
public sealed record RecordedTopUp(int TopUpId, long AmountMinor, long BonusMinor, long BonusPoints, CardBalances After, bool AlreadyRecorded = false);

/// <summary>
/// Money paid onto a card at the till (储值): the highest top-up rule met gives its bonus, principal and bonus are
/// kept apart, the card cap holds for both together; a manager voids a top-up while none of it was spent.
/// </summary>
public sealed class TopUpService(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock, IOptions<MemberCardsOptions> options)
{
    public const string AmountField = nameof(NewTopUp.AmountMinor);
    public const string LabelField = nameof(NewTopUp.MethodLabel);

    private readonly CultureInfo _culture = CultureInfo.GetCultureInfo(options.Value.Culture);

    public async Task<TopUpQuote> QuoteAsync(int memberId, long amountMinor, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.Require(user, Roles.EditMembers);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await QuoteAsync(db, memberId, amountMinor, cancellationToken);
    }

    public async Task<Result<RecordedTopUp>> RecordAsync(NewTopUp input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        Access.Require(user, Roles.EditMembers);
        return await CardRetry.RunAsync(() => RecordOnceAsync(input, user, cancellationToken));
    }

    private async Task<Result<RecordedTopUp>> RecordOnceAsync(NewTopUp input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var by = Access.Require(user, Roles.EditMembers);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        return await IdempotentSave.RunAsync(dbFactory, db, transaction, input.IdempotencyKey, FindByKeyAsync, async () =>
        {
            await CardAccount.LockAsync(db, input.MemberId, cancellationToken);
            var quote = await QuoteAsync(db, input.MemberId, input.AmountMinor, cancellationToken);
            var refusals = quote.Refusals.Concat(MethodRefusals(input)).ToList();
            if (refusals.Count > 0)
            {
                return Result<RecordedTopUp>.Refused(refusals);
            }
            var pointsRule = await db.PointsRules.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
            var (topUp, after) = await WriteAsync(db, input, quote, clock.UtcNow, pointsRule?.ExpiresOn(clock.Today), by, clock, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            MemberCardsMetrics.TopUpRecorded();
            return Result<RecordedTopUp>.Ok(new RecordedTopUp(topUp.Id, topUp.AmountMinor, topUp.BonusMinor, topUp.BonusPoints, after));
        }, cancellationToken);
    }

    /// <summary>
    /// Writes a quoted top-up and its effects — the top-up, its ledger entries (principal, bonus, points), the
    /// audit entry, the tier it may reach — in the caller's transaction; the demo fill writes its history through here too.
    /// </summary>
    internal static async Task<(TopUp TopUp, CardBalances After)> WriteAsync(MemberCardsDb db, NewTopUp input, TopUpQuote quote, DateTime at, DateOnly? pointsExpireOn, string by, StoreClock clock, CancellationToken cancellationToken)
    {
        var topUp = new TopUp
        {
            MemberId = input.MemberId,
            At = at,
            AmountMinor = quote.AmountMinor,
            BonusMinor = quote.BonusMinor,
            BonusPoints = quote.BonusPoints,
            Method = input.Method,
            MethodLabel = input.Method == PaymentMethod.Other ? input.MethodLabel?.Trim() : null,
            RuleId = quote.Rule?.Id,
            RecordedBy = by,
            IdempotencyKey = input.IdempotencyKey,
        };
        db.TopUps.Add(topUp);
        await db.SaveChangesAsync(cancellationToken);
        var account = CardAccount.For(db, input.MemberId, quote.Before);
        var details = new EntryDetails(at, by, TopUpId: topUp.Id);
        await account.TopUpAsync(quote, details, pointsExpireOn, cancellationToken);
        await account.SaveAsync(cancellationToken);
        AuditLog.Add(db, at, by, AuditActions.TopUpRecorded, nameof(Member), input.MemberId,
            new { TopUpId = topUp.Id, topUp.AmountMinor, topUp.BonusMinor, topUp.BonusPoints, Method = topUp.Method.ToString(), topUp.RuleId });
        await db.SaveChangesAsync(cancellationToken);
        if (quote.Rule?.GiftCouponTemplateId is { } gift)
        {
            await Coupons.CouponTriggers.OnTopUpAsync(db, gift, input.MemberId, topUp.Id, at, clock.Today, by, cancellationToken);
        }
        var tier = await TierEvaluation.AfterSpendAsync(db, clock, input.MemberId, new TierCause(at, by, TopUpId: topUp.Id), cancellationToken);
        if (tier is { Kind: TierChangeKind.Upgraded })
        {
            await Coupons.CouponTriggers.AfterUpgradeAsync(db, input.MemberId, tier.FromTierId, tier.To.TierId, at, clock.Today, by, cancellationToken);
        }
        return (topUp, account.Now);
    }

    /// <summary>Takes a top-up back out (principal, bonus, and its points), only while the card still holds all of it.</summary>
    public async Task<Result<int>> VoidAsync(int topUpId, string reason, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.Require(user, Roles.Manager);
        if (ChangeReason.Refusal(reason) is { } refusal)
        {
            return Result<int>.Refused([refusal]);
        }
        return await CardRetry.RunAsync(() => VoidOnceAsync(topUpId, reason.Trim(), user, cancellationToken));
    }

    private async Task<Result<int>> VoidOnceAsync(int topUpId, string reason, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var by = Access.Require(user, Roles.Manager);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var topUp = await db.TopUps.AsNoTracking().SingleOrDefaultAsync(t => t.Id == topUpId, cancellationToken);
        if (topUp is null)
        {
            return Result<int>.Refused("", MessageCode.TopUpNotFound);
        }
        var account = await CardAccount.LoadAsync(db, topUp.MemberId, cancellationToken);
        if (topUp.VoidedAt is not null)
        {
            return Result<int>.Refused("", MessageCode.TopUpAlreadyVoided, topUp.VoidedBy);
        }
        if (account!.Read.PrincipalMinor < topUp.AmountMinor || account.Read.BonusMinor < topUp.BonusMinor)
        {
            return Result<int>.Refused("", MessageCode.TopUpVoidSpent, Money.Format(account.Read.PrincipalMinor, _culture), Money.Format(account.Read.BonusMinor, _culture));
        }
        var now = clock.UtcNow;
        var marked = await db.TopUps.Where(t => t.Id == topUpId && t.VoidedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.VoidedAt, now).SetProperty(t => t.VoidedBy, by).SetProperty(t => t.VoidReason, reason), cancellationToken);
        if (marked == 0)
        {
            throw new CardBalanceChangedException(topUp.MemberId);
        }
        var details = new EntryDetails(now, by, TopUpId: topUpId, Reason: reason);
        foreach (var entry in await db.LedgerEntries.AsNoTracking().Where(e => e.TopUpId == topUpId && e.ReversesEntryId == null).OrderBy(e => e.Id).ToListAsync(cancellationToken))
        {
            if (entry.Kind == LedgerKind.Earn)
            {
                await account.TakeBackEarnedAsync(entry, details, cancellationToken);
            }
            else
            {
                account.MoveStoredValue(LedgerKind.VoidReversal, -entry.PrincipalDeltaMinor, -entry.BonusDeltaMinor, details with { Reverses = entry.Id });
            }
        }
        await account.SaveAsync(cancellationToken);
        AuditLog.Add(db, now, by, AuditActions.TopUpVoided, nameof(Member), topUp.MemberId, new { TopUpId = topUpId, topUp.AmountMinor, topUp.BonusMinor, Reason = reason });
        await db.SaveChangesAsync(cancellationToken);
        await Coupons.CouponTriggers.AfterTopUpVoidAsync(db, topUpId, now, by, cancellationToken);
        await TierEvaluation.AfterVoidAsync(db, clock, topUp.MemberId, new TierCause(now, by, TopUpId: topUpId), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<int>.Ok(topUpId);
    }

    private async Task<TopUpQuote> QuoteAsync(MemberCardsDb db, int memberId, long amountMinor, CancellationToken cancellationToken)
    {
        var member = await db.Members.Where(m => m.Id == memberId)
            .Select(m => new { m.Status, Card = new CardBalances(m.PrincipalMinor, m.BonusMinor, m.Points) })
            .SingleOrDefaultAsync(cancellationToken);
        if (member is null)
        {
            return new TopUpQuote(amountMinor, 0, 0, null, default, [FieldError.Of(MessageCode.MemberNotFound)]);
        }
        if (member.Status != MemberStatus.Active)
        {
            var code = member.Status == MemberStatus.Frozen ? MessageCode.PurchaseCardFrozen : MessageCode.PurchaseCardClosed;
            return new TopUpQuote(amountMinor, 0, 0, null, member.Card, [FieldError.Of(code)]);
        }
        if (amountMinor <= 0)
        {
            return new TopUpQuote(amountMinor, 0, 0, null, member.Card, [new FieldError(AmountField, MessageCode.TopUpAmountNotPositive)]);
        }
        var today = clock.Today;
        var rule = TopUpRule.Best(await db.TopUpRules.AsNoTracking().Where(r => r.IsActive && r.ThresholdMinor <= amountMinor).ToListAsync(cancellationToken), amountMinor, today);
        var bonus = rule?.BonusFor(amountMinor) ?? 0;
        var cap = options.Value.StoredValue.CapMinor;
        IReadOnlyList<FieldError> refusals = member.Card.StoredValueMinor + amountMinor + bonus > cap
            ? [new FieldError(AmountField, MessageCode.TopUpOverCap, Money.Format(cap, _culture), Money.Format(member.Card.StoredValueMinor, _culture))]
            : [];
        return new TopUpQuote(amountMinor, bonus, rule?.BonusPoints ?? 0, rule, member.Card, refusals);
    }

    private static IEnumerable<FieldError> MethodRefusals(NewTopUp input)
    {
        const string field = nameof(NewTopUp.Method);
        if (input.Method == PaymentMethod.StoredValue || !Enum.IsDefined(input.Method))
        {
            yield return new FieldError(field, MessageCode.TopUpMethodInvalid);
        }
        if (input.Method == PaymentMethod.Other && string.IsNullOrWhiteSpace(input.MethodLabel))
        {
            yield return new FieldError(LabelField, MessageCode.TopUpLabelRequired);
        }
        if (input.MethodLabel?.Trim().Length > TenderStep.LabelLength)
        {
            yield return new FieldError(LabelField, MessageCode.TenderLabelTooLong, TenderStep.LabelLength);
        }
    }

    private static async Task<RecordedTopUp?> FindByKeyAsync(MemberCardsDb db, Guid key, CancellationToken cancellationToken)
    {
        var topUp = await db.TopUps.AsNoTracking().SingleOrDefaultAsync(t => t.IdempotencyKey == key, cancellationToken);
        if (topUp is null)
        {
            return null;
        }
        var after = await db.Members.Where(m => m.Id == topUp.MemberId).Select(m => new CardBalances(m.PrincipalMinor, m.BonusMinor, m.Points)).SingleAsync(cancellationToken);
        return new RecordedTopUp(topUp.Id, topUp.AmountMinor, topUp.BonusMinor, topUp.BonusPoints, after, AlreadyRecorded: true);
    }
}
