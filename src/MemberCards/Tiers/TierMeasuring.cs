using MemberCards.Data;
using MemberCards.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tiers;

/// <summary>
/// Reads members' measures as of a day (<see cref="MeasureWindow"/>) from their non-void purchases and top-ups up
/// to that day, in SQL: for one member inside a posting, or for many at once (the review, the what-if, demo data).
/// </summary>
public static class TierMeasuring
{
    public static async Task<TierMeasures> OfMemberAsync(MemberCardsDb db, StoreClock clock, int memberId, DateOnly asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var all = await OfMembersAsync(db, clock, db.Members.Where(m => m.Id == memberId), asOf, cancellationToken);
        return all.GetValueOrDefault(memberId);
    }

    /// <summary>The measures of <paramref name="members"/> (a member with no purchase or top-up has none: all zero).</summary>
    public static async Task<Dictionary<int, TierMeasures>> OfMembersAsync(MemberCardsDb db, StoreClock clock, IQueryable<Member> members, DateOnly asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var window = new MeasureWindow(asOf);
        var (rollingFrom, yearFrom, until) = (clock.StartOfDayUtc(window.RollingFrom), clock.StartOfDayUtc(window.YearFrom), clock.StartOfDayUtc(asOf.AddDays(1)));
        var ids = members.Select(m => m.Id);
        var spend = await db.Purchases
            .Where(p => ids.Contains(p.MemberId) && p.VoidedAt == null && p.PurchasedAt < until)
            .GroupBy(p => p.MemberId)
            .Select(g => new
            {
                MemberId = g.Key,
                Rolling = g.Sum(p => p.PurchasedAt >= rollingFrom ? p.TotalMinor : 0),
                Year = g.Sum(p => p.PurchasedAt >= yearFrom ? p.TotalMinor : 0),
                Lifetime = g.Sum(p => p.TotalMinor),
            })
            .ToListAsync(cancellationToken);
        var topUps = await db.TopUps
            .Where(t => ids.Contains(t.MemberId) && t.VoidedAt == null && t.At >= rollingFrom && t.At < until)
            .GroupBy(t => t.MemberId)
            .Select(g => new { MemberId = g.Key, Largest = g.Max(t => t.AmountMinor) })
            .ToDictionaryAsync(t => t.MemberId, t => t.Largest, cancellationToken);
        var measures = spend.ToDictionary(s => s.MemberId, s => new TierMeasures(s.Rolling, s.Year, s.Lifetime, topUps.GetValueOrDefault(s.MemberId)));
        foreach (var (memberId, largest) in topUps)
        {
            measures.TryAdd(memberId, new TierMeasures(0, 0, 0, largest));
        }
        return measures;
    }
}
