using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Auditing;
using MemberCards.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.CardValue;

/// <summary>What one expiry run wrote: how many members lost how many points.</summary>
public sealed record ExpiryRun(DateOnly Day, int Members, long Points);

/// <summary>
/// Expires every lot whose last day has passed, one ledger entry per member (ARCHITECTURE.md, "Expiry"). Safe to
/// run twice or on two instances at once: an emptied lot is not seen again, and each member's balance moves only
/// from the balance read (a member moved meanwhile is read again).
/// </summary>
public sealed class PointsExpiry(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock)
{
    private const int MembersPerTransaction = 2_000;

    public async Task<ExpiryRun> RunAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var by = Access.Require(user, Roles.Manager);
        var today = clock.Today;
        List<int> memberIds;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            memberIds = await db.PointsLots.Where(l => l.RemainingPoints > 0 && l.ExpiresOn < today)
                .Select(l => l.MemberId).Distinct().OrderBy(id => id).ToListAsync(cancellationToken);
        }
        var (members, points) = (0, 0L);
        foreach (var batch in memberIds.Chunk(MembersPerTransaction))
        {
            var (batchMembers, batchPoints) = await CardRetry.RunAsync(() => ExpireAsync(batch, today, by, cancellationToken));
            members += batchMembers;
            points += batchPoints;
        }
        var run = new ExpiryRun(today, members, points);
        if (members > 0)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            AuditLog.Add(db, clock.UtcNow, by, AuditActions.PointsExpired, nameof(PointsLot), null, run);
            await db.SaveChangesAsync(cancellationToken);
        }
        return run;
    }

    /// <summary>
    /// A batch set-wise: one read of the points due per member and one of their balances, then per member a
    /// conditional update of the balance (only from the balance read: a member moved meanwhile makes the batch run
    /// again) and its ledger entry, and one update emptying the lots.
    /// </summary>
    private async Task<(int Members, long Points)> ExpireAsync(int[] memberIds, DateOnly today, string by, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = db.PointsLots.Where(l => memberIds.Contains(l.MemberId) && l.RemainingPoints > 0 && l.ExpiresOn < today);
        var expiring = await due.GroupBy(l => l.MemberId).Select(g => new { MemberId = g.Key, Points = g.Sum(l => l.RemainingPoints) })
            .ToDictionaryAsync(g => g.MemberId, g => g.Points, cancellationToken);
        var ids = expiring.Keys.ToList();
        // In id order, the order every instance locks members in (conditional updates lock their rows on PostgreSQL).
        var read = await db.Members.Where(m => ids.Contains(m.Id)).OrderBy(m => m.Id).Select(m => new { m.Id, Balances = new CardBalances(m.PrincipalMinor, m.BonusMinor, m.Points) })
            .ToListAsync(cancellationToken);
        var at = clock.UtcNow;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        foreach (var (memberId, balances) in read.Select(r => (r.Id, r.Balances)))
        {
            var after = balances.Points - expiring[memberId];
            var moved = await db.Members
                .Where(m => m.Id == memberId && m.PrincipalMinor == balances.PrincipalMinor && m.BonusMinor == balances.BonusMinor && m.Points == balances.Points)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.Points, after), cancellationToken);
            if (moved == 0)
            {
                throw new CardBalanceChangedException(memberId);
            }
            db.LedgerEntries.Add(new LedgerEntry
            {
                MemberId = memberId,
                At = at,
                Kind = LedgerKind.Expire,
                PointsDelta = -expiring[memberId],
                PrincipalAfterMinor = balances.PrincipalMinor,
                BonusAfterMinor = balances.BonusMinor,
                PointsAfter = after,
                By = by,
            });
        }
        await due.ExecuteUpdateAsync(set => set.SetProperty(l => l.RemainingPoints, 0), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (read.Count, read.Sum(r => expiring[r.Id]));
    }
}
