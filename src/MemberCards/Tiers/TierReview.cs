using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Auditing;
using MemberCards.Data;
using MemberCards.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberCards.Tiers;

/// <summary>What one review wrote: how many members were due, renewed and moved down.</summary>
public sealed record TierReviewRun(DateOnly Day, int Due, int Renewed, int Downgraded);

/// <summary>
/// The nightly check of every member whose kept-until date has passed (ARCHITECTURE.md, "Tiers"): the measure as
/// of that date decides — kept for another period, or down. Safe to run twice or on two instances: each member
/// moves only from the standing read, so a member already moved is not moved again.
/// </summary>
public sealed class TierReview(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock, IOptions<MemberCardsOptions> options)
{
    private const int MembersPerTransaction = 2_000;

    public async Task<TierReviewRun> RunAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var by = Access.Require(user, Roles.Manager);
        var today = clock.Today;
        var (renewed, downgraded) = (0, 0);
        List<DateOnly> days;
        TierLadder ladder;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            ladder = await TierEvaluation.LadderAsync(db, cancellationToken);
            days = await db.Members.Where(m => m.TierKeptUntil < today && m.Status != MemberStatus.Closed)
                .Select(m => m.TierKeptUntil!.Value).Distinct().OrderBy(d => d).ToListAsync(cancellationToken);
        }
        // Every due day decided first from the standings as read, then written in batches across days (a catch-up of many
        // nights in a few transactions); a member's new kept-until date already past is the next run's.
        var decisions = new List<(int MemberId, TierStanding Read, TierDecision Decision)>();
        foreach (var day in days)
        {
            decisions.AddRange(await DecideAsync(ladder, day, cancellationToken));
        }
        var due = decisions.Count;
        foreach (var batch in decisions.Chunk(MembersPerTransaction))
        {
            var written = await WriteAsync(batch, by, cancellationToken);
            renewed += written.Count(d => d.Decision.Kind == TierChangeKind.Renewed);
            downgraded += written.Count(d => d.Decision.Kind == TierChangeKind.Downgraded);
        }
        var run = new TierReviewRun(today, due, renewed, downgraded);
        if (due > 0)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            AuditLog.Add(db, clock.UtcNow, by, AuditActions.TiersReviewed, nameof(Tier), null, run);
            await db.SaveChangesAsync(cancellationToken);
        }
        return run;
    }

    private async Task<List<(int MemberId, TierStanding Read, TierDecision Decision)>> DecideAsync(TierLadder ladder, DateOnly day, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var dueMembers = db.Members.Where(m => m.TierKeptUntil == day && m.Status != MemberStatus.Closed);
        var standings = await dueMembers
            .Select(m => new { m.Id, Standing = new TierStanding(m.TierId, m.TierKeptUntil, m.TierFloorId, m.TierFloorUntil) })
            .ToListAsync(cancellationToken);
        var measures = await TierMeasuring.OfMembersAsync(db, clock, dueMembers, day, cancellationToken);
        var downgrade = options.Value.Tiers.Downgrade;
        return [.. standings.Select(s => (s.Id, s.Standing, ladder.Review(s.Standing, measures.GetValueOrDefault(s.Id), downgrade)))];
    }

    /// <summary>
    /// Moves a batch in one transaction, the members grouped by the same move, each group by one conditional update.
    /// When a group finds some of its members moved meanwhile (another instance's review, a purchase), the batch is
    /// rolled back and written member by member, each only from the standing read.
    /// </summary>
    private async Task<List<(int MemberId, TierStanding Read, TierDecision Decision)>> WriteAsync(
        IReadOnlyList<(int MemberId, TierStanding Read, TierDecision Decision)> batch, string by, CancellationToken cancellationToken, bool oneByOne = false)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var written = new List<(int MemberId, TierStanding Read, TierDecision Decision)>();
        var groups = oneByOne
            ? batch.Select(b => new[] { b })
            : batch.GroupBy(b => (b.Read.TierId, b.Read.KeptUntil, b.Decision.To)).Select(g => g.ToArray());
        foreach (var group in groups)
        {
            var (fromTier, fromKept, to) = (group[0].Read.TierId, group[0].Read.KeptUntil, group[0].Decision.To);
            var ids = group.Select(g => g.MemberId).ToList();
            var moved = await db.Members
                .Where(m => ids.Contains(m.Id) && m.TierId == fromTier && m.TierKeptUntil == fromKept)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.TierId, to.TierId).SetProperty(m => m.TierKeptUntil, to.KeptUntil), cancellationToken);
            if (moved == ids.Count)
            {
                written.AddRange(group);
            }
            else if (!oneByOne)
            {
                await transaction.RollbackAsync(cancellationToken);
                return await WriteAsync(batch, by, cancellationToken, oneByOne: true);
            }
        }
        var at = clock.UtcNow;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.TierChanges.AddRange(written.Select(w => new TierChange
        {
            MemberId = w.MemberId,
            At = at,
            Kind = w.Decision.Kind,
            FromTierId = w.Decision.FromTierId,
            ToTierId = w.Decision.To.TierId,
            MeasureMinor = w.Decision.MeasureMinor,
            KeptUntil = w.Decision.To.KeptUntil,
            PreviousKeptUntil = w.Read.KeptUntil,
            By = by,
        }));
        foreach (var w in written)
        {
            TierEvaluation.TierEvent(db, at, w.MemberId, w.Decision.Kind, w.Decision.FromTierId, w.Decision.To.TierId, w.Decision.To.KeptUntil);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return written;
    }
}
