using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Members;

public sealed record FiguresMismatch(int MemberId, int StoredCount, int ActualCount, long StoredSpentMinor, long ActualSpentMinor, DateTime? StoredLast, DateTime? ActualLast);

/// <summary>
/// Recomputes every member's figures from their non-void purchases and reports those whose stored figures differ.
/// The stored figures are what the grid sorts on; this is how to know they are still true.
/// </summary>
public sealed class MemberFiguresCheck(IDbContextFactory<MemberCardsDb> dbFactory)
{
    public async Task<IReadOnlyList<FiguresMismatch>> FindMismatchesAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.Require(user, Roles.Manager);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Members.AsNoTracking()
            .Select(m => new
            {
                m.Id,
                m.PurchaseCount,
                m.TotalSpentMinor,
                m.LastPurchaseAt,
                Count = db.Purchases.Count(p => p.MemberId == m.Id && p.VoidedAt == null),
                Spent = db.Purchases.Where(p => p.MemberId == m.Id && p.VoidedAt == null).Sum(p => (long?)p.TotalMinor) ?? 0,
                Last = db.Purchases.Where(p => p.MemberId == m.Id && p.VoidedAt == null).Max(p => (DateTime?)p.PurchasedAt),
            })
            .Where(m => m.PurchaseCount != m.Count || m.TotalSpentMinor != m.Spent || m.LastPurchaseAt != m.Last)
            .OrderBy(m => m.Id)
            .Select(m => new FiguresMismatch(m.Id, m.PurchaseCount, m.Count, m.TotalSpentMinor, m.Spent, m.LastPurchaseAt, m.Last))
            .ToListAsync(cancellationToken);
    }
}
