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
    private const int MembersPerTransaction = 500;

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

    private async Task<(int Members, long Points)> ExpireAsync(int[] memberIds, DateOnly today, string by, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (members, points) = (0, 0L);
        var details = new EntryDetails(clock.UtcNow, by);
        foreach (var memberId in memberIds)
        {
            var account = await CardAccount.LoadAsync(db, memberId, cancellationToken);
            if (account is not null && await account.ExpireAsync(today, details, cancellationToken) is { } entry)
            {
                await account.SaveAsync(cancellationToken);
                members++;
                points -= entry.PointsDelta;
            }
            db.ChangeTracker.Clear();
        }
        await transaction.CommitAsync(cancellationToken);
        return (members, points);
    }
}
