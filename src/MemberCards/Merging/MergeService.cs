using System.Globalization;
using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Auditing;
using MemberCards.CardValue;
using MemberCards.Data;
using MemberCards.Members;
using MemberCards.Tiers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberCards.Merging;

/// <summary>
/// Merges two memberships of one customer (managers) and undoes a merge within <see cref="UndoDays"/> days. A merge
/// moves the absorbed member's purchases, top-ups, coupons, points lots and card history to the kept member in one
/// statement per table, recording each row; moves its stored value and points with a transfer entry on each ledger;
/// recomputes both members' figures and the kept member's tier; closes the absorbed member, whose card number then
/// finds the kept one. Both members are locked first, so a purchase at the till for either waits and is either moved
/// with the rest or refused with the card it was merged into — never written to a closed card unseen.
/// </summary>
public sealed class MergeService(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock, IOptions<MemberCardsOptions> options)
{
    public const int UndoDays = 30;

    private readonly CultureInfo _culture = CultureInfo.GetCultureInfo(options.Value.Culture);

    /// <summary>Both members as the merge dialog shows them side by side.</summary>
    public async Task<IReadOnlyList<MemberRow>> PreviewAsync(int firstId, int secondId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.Require(user, Roles.Manager);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Members.AsNoTracking().Where(m => m.Id == firstId || m.Id == secondId).OrderBy(m => m.Id).Select(MemberService.Row).ToListAsync(cancellationToken);
    }

    public async Task<Result<int>> MergeAsync(int keptId, int absorbedId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var by = Access.Require(user, Roles.Manager);
        if (keptId == absorbedId)
        {
            return Result<int>.Refused("", MessageCode.MergeSameMember);
        }
        return await CardRetry.RunAsync(() => MergeOnceAsync(keptId, absorbedId, by, cancellationToken));
    }

    private async Task<Result<int>> MergeOnceAsync(int keptId, int absorbedId, string by, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var sides = await LockAndReadAsync(db, keptId, absorbedId, cancellationToken);
        if (sides is not var (kept, absorbed))
        {
            return Result<int>.Refused("", MessageCode.MemberNotFound);
        }
        if (MergeRefusals(kept, absorbed) is { Count: > 0 } refusals)
        {
            return Result<int>.Refused(refusals);
        }
        var now = clock.UtcNow;
        var merge = new MemberMerge
        {
            KeptMemberId = keptId,
            AbsorbedMemberId = absorbedId,
            MergedAt = now,
            MergedBy = by,
            AbsorbedStatus = absorbed.Status,
            KeptTierId = kept.TierId,
            KeptTierKeptUntil = kept.TierKeptUntil,
            KeptTierFloorId = kept.TierFloorId,
            KeptTierFloorUntil = kept.TierFloorUntil,
            MovedPrincipalMinor = absorbed.PrincipalMinor,
            MovedBonusMinor = absorbed.BonusMinor,
            MovedPoints = absorbed.Points,
        };
        db.MemberMerges.Add(merge);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (kind, table) in MergeSql.Moved)
        {
            await db.Database.ExecuteSqlRawAsync(MergeSql.Record(kind, table), [merge.Id, absorbedId], cancellationToken);
            await db.Database.ExecuteSqlRawAsync(MergeSql.MoveToKept(table), [absorbedId, keptId], cancellationToken);
        }
        var card = new RetiredCard { MemberId = keptId, CardNumber = absorbed.CardNumber, IssuedAt = absorbed.CardIssuedAt, RetiredAt = now, Reason = CardRetirement.Merged };
        db.RetiredCards.Add(card);
        await db.SaveChangesAsync(cancellationToken);
        merge.RetiredCardId = card.Id;
        await db.Members.Where(m => m.Id == absorbedId).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.Status, MemberStatus.Closed).SetProperty(m => m.MergedIntoId, keptId).SetProperty(m => m.Version, m => m.Version + 1), cancellationToken);
        var moved = new CardBalances(absorbed.PrincipalMinor, absorbed.BonusMinor, absorbed.Points);
        await TransferAsync(db, from: absorbed, to: kept, moved, LedgerKind.MergeTransfer, new EntryDetails(now, by), cancellationToken);
        await db.Database.ExecuteSqlRawAsync(MergeSql.RecomputeFigures, [keptId, absorbedId], cancellationToken);
        await MergeTier.AfterMergeAsync(db, clock, keptId, new TierStanding(absorbed.TierId, absorbed.TierKeptUntil, null, null), new TierCause(now, by), cancellationToken);
        merge.TierChangeMark = await db.TierChanges.MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0;
        await AuditAsync(db, AuditActions.MembersMerged, merge, kept, absorbed, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<int>.Ok(merge.Id);
    }

    /// <summary>Puts back both members as they were before the merge, or says why that can no longer be exact.</summary>
    public async Task<Result<int>> UnmergeAsync(int mergeId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var by = Access.Require(user, Roles.Manager);
        return await CardRetry.RunAsync(() => UnmergeOnceAsync(mergeId, by, cancellationToken));
    }

    private async Task<Result<int>> UnmergeOnceAsync(int mergeId, string by, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var merge = await db.MemberMerges.SingleOrDefaultAsync(m => m.Id == mergeId, cancellationToken);
        if (merge is null)
        {
            return Result<int>.Refused("", MessageCode.UnmergeNotFound);
        }
        if (merge.UnmergedAt is { } undone)
        {
            return Result<int>.Refused("", MessageCode.UnmergeAlreadyDone, merge.UnmergedBy, clock.ToLocal(undone));
        }
        var now = clock.UtcNow;
        var until = merge.MergedAt.AddDays(UndoDays);
        if (now > until)
        {
            return Result<int>.Refused("", MessageCode.UnmergeTooLate, UndoDays, DateOnly.FromDateTime(clock.ToLocal(until)));
        }
        var (kept, absorbed) = (await LockAndReadAsync(db, merge.KeptMemberId, merge.AbsorbedMemberId, cancellationToken))!.Value;
        if (await UnmergeChecks.RefusalsAsync(db, merge, kept, absorbed, _culture, cancellationToken) is { Count: > 0 } refusals)
        {
            return Result<int>.Refused(refusals);
        }
        foreach (var (kind, table) in MergeSql.Moved)
        {
            await db.Database.ExecuteSqlRawAsync(MergeSql.MoveBack(kind, table), [merge.AbsorbedMemberId, merge.Id], cancellationToken);
        }
        await db.RetiredCards.Where(c => c.Id == merge.RetiredCardId).ExecuteDeleteAsync(cancellationToken);
        await db.Members.Where(m => m.Id == absorbed.Id).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.Status, merge.AbsorbedStatus).SetProperty(m => m.MergedIntoId, (int?)null).SetProperty(m => m.Version, m => m.Version + 1), cancellationToken);
        var moved = new CardBalances(merge.MovedPrincipalMinor, merge.MovedBonusMinor, merge.MovedPoints);
        await TransferAsync(db, from: kept, to: absorbed, moved, LedgerKind.UnmergeTransfer, new EntryDetails(now, by), cancellationToken);
        await db.Database.ExecuteSqlRawAsync(MergeSql.RecomputeFigures, [kept.Id, absorbed.Id], cancellationToken);
        var before = new TierStanding(merge.KeptTierId, merge.KeptTierKeptUntil, merge.KeptTierFloorId, merge.KeptTierFloorUntil);
        await MergeTier.AfterUnmergeAsync(db, clock, kept.Id, before, new TierCause(now, by), cancellationToken);
        merge.UnmergedAt = now;
        merge.UnmergedBy = by;
        await AuditAsync(db, AuditActions.MembersUnmerged, merge, kept, absorbed, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<int>.Ok(merge.Id);
    }

    /// <summary>Locks both members in id order (two merges of overlapping pairs never wait on each other in a circle), then reads them.</summary>
    private static async Task<(Member Kept, Member Absorbed)?> LockAndReadAsync(MemberCardsDb db, int keptId, int absorbedId, CancellationToken cancellationToken)
    {
        foreach (var id in new[] { keptId, absorbedId }.Order())
        {
            await CardAccount.LockAsync(db, id, cancellationToken);
        }
        var members = await db.Members.AsNoTracking().Where(m => m.Id == keptId || m.Id == absorbedId).ToListAsync(cancellationToken);
        return members.Count == 2 ? (members.Single(m => m.Id == keptId), members.Single(m => m.Id == absorbedId)) : null;
    }

    private List<FieldError> MergeRefusals(Member kept, Member absorbed)
    {
        List<FieldError> refusals = [];
        foreach (var member in new[] { kept, absorbed })
        {
            if (member.Status == MemberStatus.Closed)
            {
                refusals.Add(FieldError.Of(MessageCode.MergeMemberClosed, CardNumber.Format(member.CardNumber)));
            }
            else if (member.Points < 0)
            {
                refusals.Add(FieldError.Of(MessageCode.MergeMemberOwesPoints, CardNumber.Format(member.CardNumber), -member.Points));
            }
        }
        var together = kept.PrincipalMinor + kept.BonusMinor + absorbed.PrincipalMinor + absorbed.BonusMinor;
        var cap = options.Value.StoredValue.CapMinor;
        if (together > cap)
        {
            refusals.Add(FieldError.Of(MessageCode.MergeOverCardCap, Money.Format(cap, _culture), Money.Format(together, _culture)));
        }
        return refusals;
    }

    /// <summary>One transfer entry on each card (nothing when nothing moves); each write checks the balances it read.</summary>
    private static async Task TransferAsync(MemberCardsDb db, Member from, Member to, CardBalances moved, LedgerKind kind, EntryDetails details, CancellationToken cancellationToken)
    {
        if (moved == default)
        {
            return;
        }
        var source = CardAccount.For(db, from.Id, new CardBalances(from.PrincipalMinor, from.BonusMinor, from.Points));
        source.Transfer(kind, new CardBalances(-moved.PrincipalMinor, -moved.BonusMinor, -moved.Points), details);
        await source.SaveAsync(cancellationToken);
        var target = CardAccount.For(db, to.Id, new CardBalances(to.PrincipalMinor, to.BonusMinor, to.Points));
        target.Transfer(kind, moved, details);
        await target.SaveAsync(cancellationToken);
    }

    /// <summary>One entry on each member's audit history: the merge, the other member's card, and each figure that moved (before → after).</summary>
    private static async Task AuditAsync(MemberCardsDb db, string action, MemberMerge merge, Member kept, Member absorbed, CancellationToken cancellationToken)
    {
        var after = await db.Members.AsNoTracking().Where(m => m.Id == kept.Id || m.Id == absorbed.Id).ToDictionaryAsync(m => m.Id, cancellationToken);
        foreach (var (member, other) in new[] { (kept, absorbed), (absorbed, kept) })
        {
            var details = new Dictionary<string, object?> { ["MergeId"] = merge.Id, ["Kept"] = member.Id == kept.Id, ["Other"] = other.CardNumber };
            foreach (var (field, change) in AuditLog.Changes(Snapshot(member), Snapshot(after[member.Id])))
            {
                details[field] = change;
            }
            AuditLog.Add(db, merge.UnmergedAt ?? merge.MergedAt, merge.UnmergedBy ?? merge.MergedBy, action, nameof(Member), member.Id, details);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static Dictionary<string, object?> Snapshot(Member m) => new()
    {
        [nameof(Member.Status)] = m.Status.ToString(),
        [nameof(Member.PurchaseCount)] = m.PurchaseCount,
        [nameof(Member.TotalSpentMinor)] = m.TotalSpentMinor,
        [nameof(Member.LastPurchaseAt)] = m.LastPurchaseAt,
        [nameof(Member.PrincipalMinor)] = m.PrincipalMinor,
        [nameof(Member.BonusMinor)] = m.BonusMinor,
        [nameof(Member.Points)] = m.Points,
    };
}
