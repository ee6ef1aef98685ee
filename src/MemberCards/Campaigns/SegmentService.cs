using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Data;
using MemberCards.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Campaigns;

public sealed record TopSpender(int MemberId, string CardNumber, string Name, MemberTier Tier, bool MarketingOptIn, long SpendMinor, int Purchases, DateTime LastPurchaseAt);

/// <summary>Who marketing should talk to: members ranked by what they spent in a period.</summary>
public sealed class SegmentService(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock)
{
    /// <summary>The members who spent most in the last <paramref name="days"/> days (today included), non-void purchases only.</summary>
    public async Task<IReadOnlyList<TopSpender>> TopSpendersAsync(int days, int limit, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.Require(user, Roles.Campaigns);
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var since = clock.StartOfDayUtc(clock.Today.AddDays(1 - days));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ranked = await db.Purchases
            .Where(p => p.VoidedAt == null && p.PurchasedAt >= since)
            .GroupBy(p => p.MemberId)
            .Select(g => new { MemberId = g.Key, Spend = g.Sum(p => p.TotalMinor), Purchases = g.Count(), Last = g.Max(p => p.PurchasedAt) })
            .OrderByDescending(g => g.Spend).ThenBy(g => g.MemberId)
            .Take(limit)
            .ToListAsync(cancellationToken);
        var ids = ranked.Select(r => r.MemberId).ToList();
        var members = await db.Members.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
        return [.. ranked.Select(r => members[r.MemberId]).Zip(ranked, (m, r) =>
            new TopSpender(m.Id, m.CardNumber, m.Name, m.Tier, m.MarketingOptIn, r.Spend, r.Purchases, r.Last))];
    }
}
