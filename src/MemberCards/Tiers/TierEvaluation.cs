using MemberCards.Auditing;
using MemberCards.Data;
using MemberCards.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tiers;

/// <summary>What caused an evaluation, kept on the history entry.</summary>
public sealed record TierCause(DateTime At, string By, int? PurchaseId = null, int? TopUpId = null, string? Reason = null);

/// <summary>
/// Moves one member's tier inside the caller's transaction (the member row already locked by the posting): after a
/// purchase or top-up an upgrade at once, after a void the withdrawal of an upgrade it caused. Each change writes a
/// history entry with the measure that decided it, and an audit entry.
/// </summary>
public static class TierEvaluation
{
    public static async Task<TierLadder> LadderAsync(MemberCardsDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return new TierLadder(await db.Tiers.AsNoTracking().Where(t => t.DeletedAt == null).ToListAsync(cancellationToken));
    }

    /// <summary>The tier a new member joins at: the lowest rank.</summary>
    public static Task<int> EntryTierIdAsync(MemberCardsDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Tiers.Where(t => t.DeletedAt == null).OrderBy(t => t.Rank).Select(t => t.Id).FirstAsync(cancellationToken);
    }

    /// <summary>After a purchase or top-up was written: the member reaches a higher tier at once when its threshold is now met.</summary>
    public static async Task<TierDecision?> AfterSpendAsync(MemberCardsDb db, StoreClock clock, int memberId, TierCause cause, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var ladder = await LadderAsync(db, cancellationToken);
        var today = clock.Today;
        var (standing, measures) = await TierMeasuring.StandingAndMeasuresAsync(db, clock, memberId, today, cancellationToken);
        var decision = ladder.Upgrade(standing, measures, today);
        if (decision is not null)
        {
            await WriteAsync(db, ladder, memberId, standing, decision, cause, cancellationToken);
        }
        return decision;
    }

    /// <summary>
    /// After a purchase or top-up was voided: an upgrade of the current period the member no longer reaches without
    /// it is withdrawn, back to the tier (and kept-until date) held before, walking back through chained upgrades;
    /// then any tier the measure still reaches is granted again. Never below a floor in force.
    /// </summary>
    public static async Task<TierDecision?> AfterVoidAsync(MemberCardsDb db, StoreClock clock, int memberId, TierCause cause, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var ladder = await LadderAsync(db, cancellationToken);
        var today = clock.Today;
        var (standing, measures) = await TierMeasuring.StandingAndMeasuresAsync(db, clock, memberId, today, cancellationToken);
        var recent = await db.TierChanges.AsNoTracking().Where(c => c.MemberId == memberId)
            .OrderByDescending(c => c.Id).Take(20).ToListAsync(cancellationToken);
        var back = standing;
        foreach (var change in recent)
        {
            if (change.Kind == TierChangeKind.Withdrawn)
            {
                continue;
            }
            if (change.Kind != TierChangeKind.Upgraded || change.FromTierId is not { } from)
            {
                break;
            }
            var held = ladder[back.TierId];
            if (change.ToTierId != held.Id)
            {
                // An upgrade already withdrawn (it reached higher than what is held now) is passed over.
                if (ladder[change.ToTierId].Rank > held.Rank)
                {
                    continue;
                }
                break;
            }
            if (measures.Meets(held))
            {
                break;
            }
            back = back with { TierId = from, KeptUntil = change.PreviousKeptUntil };
        }
        if (back.FloorOn(today) is { } floorId && ladder[floorId].Rank > ladder[back.TierId].Rank)
        {
            back = back with { TierId = floorId, KeptUntil = back.FloorUntil };
        }
        back = ladder.Upgrade(back, measures, today)?.To ?? back;
        if (back == standing)
        {
            return null;
        }
        var decision = new TierDecision(TierChangeKind.Withdrawn, standing.TierId, back, measures.Of(ladder[standing.TierId].Measure));
        await WriteAsync(db, ladder, memberId, standing, decision, cause, cancellationToken);
        return decision;
    }

    public static Task<TierStanding> StandingAsync(MemberCardsDb db, int memberId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Members.Where(m => m.Id == memberId)
            .Select(m => new TierStanding(m.TierId, m.TierKeptUntil, m.TierFloorId, m.TierFloorUntil))
            .SingleAsync(cancellationToken);
    }

    /// <summary>Writes a decision: the member's standing (only from the standing read), its history entry, an audit entry.</summary>
    internal static async Task WriteAsync(MemberCardsDb db, TierLadder ladder, int memberId, TierStanding read, TierDecision decision, TierCause cause, CancellationToken cancellationToken)
    {
        var to = decision.To;
        var moved = await db.Members
            .Where(m => m.Id == memberId && m.TierId == read.TierId && m.TierKeptUntil == read.KeptUntil)
            .ExecuteUpdateAsync(set => set
                .SetProperty(m => m.TierId, to.TierId)
                .SetProperty(m => m.TierKeptUntil, to.KeptUntil)
                .SetProperty(m => m.TierFloorId, to.FloorId)
                .SetProperty(m => m.TierFloorUntil, to.FloorUntil), cancellationToken);
        if (moved == 0)
        {
            throw new CardValue.CardBalanceChangedException(memberId);
        }
        db.TierChanges.Add(new TierChange
        {
            MemberId = memberId,
            At = cause.At,
            Kind = decision.Kind,
            FromTierId = decision.FromTierId,
            ToTierId = to.TierId,
            MeasureMinor = decision.MeasureMinor,
            KeptUntil = to.KeptUntil,
            PreviousKeptUntil = read.KeptUntil,
            PurchaseId = cause.PurchaseId,
            TopUpId = cause.TopUpId,
            By = cause.By,
            Reason = cause.Reason,
        });
        // Tiers by name (a preset by its code, which the audit page reads in each reader's language).
        AuditLog.Add(db, cause.At, cause.By, AuditActions.TierChanged, nameof(Member), memberId, new
        {
            Kind = decision.Kind.ToString(),
            Tier = new[] { AuditName(ladder[decision.FromTierId]), AuditName(ladder[to.TierId]) },
            to.KeptUntil,
            decision.MeasureMinor,
            cause.PurchaseId,
            cause.TopUpId,
            cause.Reason,
        });
        TierEvent(db, cause.At, memberId, decision.Kind, decision.FromTierId, to.TierId, to.KeptUntil, cause.PurchaseId, cause.TopUpId);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The tier.changed webhook event, from a single decision or the review job's batch.</summary>
    internal static void TierEvent(MemberCardsDb db, DateTime at, int memberId, TierChangeKind kind, int? fromTierId, int toTierId, DateOnly? keptUntil,
        int? purchaseId = null, int? topUpId = null) =>
        Webhooks.WebhookOutbox.Add(db, Webhooks.WebhookEventNames.TierChanged, at, memberId,
            new { Kind = kind.ToString(), FromTierId = fromTierId, ToTierId = toTierId, KeptUntil = keptUntil, PurchaseId = purchaseId, TopUpId = topUpId });

    private static string AuditName(Tier tier) => tier.Name ?? tier.Preset?.ToString() ?? "";

    /// <summary>
    /// Gives every open member the tier their history reaches today, kept from the day their measure reached it (a
    /// history loaded in bulk — demo data, an import — is written without evaluating each purchase, and its kept-until
    /// dates spread over the year as the members' own upgrades would have). Inside the caller's transaction.
    /// </summary>
    public static async Task<int> AssignFromHistoryAsync(MemberCardsDb db, StoreClock clock, string by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var ladder = await LadderAsync(db, cancellationToken);
        var today = clock.Today;
        var open = db.Members.Where(m => m.Status != MemberStatus.Closed && m.TierId == ladder.Entry.Id);
        var measures = await TierMeasuring.OfMembersAsync(db, clock, open, today, cancellationToken);
        var reached = measures.Select(m => (MemberId: m.Key, Tier: ladder.Qualifying(m.Value), Measures: m.Value)).Where(r => r.Tier.Rank > 0).ToList();
        var reachedAt = await TierMeasuring.ReachedAtAsync(db, clock, reached.ToDictionary(r => r.MemberId, r => r.Tier), today, cancellationToken);
        var changes = reached.Select(r =>
        {
            var at = reachedAt.TryGetValue(r.MemberId, out var crossed) ? crossed : clock.UtcNow;
            return new TierChange
            {
                MemberId = r.MemberId,
                At = at,
                Kind = TierChangeKind.Upgraded,
                FromTierId = ladder.Entry.Id,
                ToTierId = r.Tier.Id,
                MeasureMinor = r.Measures.Of(r.Tier.Measure),
                KeptUntil = TierLadder.KeptUntil(r.Tier, DateOnly.FromDateTime(clock.ToLocal(at))),
                By = by,
            };
        }).ToList();
        foreach (var group in changes.GroupBy(c => (c.ToTierId, c.KeptUntil)))
        {
            var ids = group.Select(c => c.MemberId).ToList();
            await db.Members.Where(m => ids.Contains(m.Id))
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.TierId, group.Key.ToTierId).SetProperty(m => m.TierKeptUntil, group.Key.KeptUntil), cancellationToken);
        }
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.TierChanges.AddRange(changes);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        return changes.Count;
    }
}
