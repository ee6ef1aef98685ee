using MemberCards.Data;
using MemberCards.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tiers;

/// <summary>
/// Reads members' measures as of a day (<see cref="MeasureWindow"/>) from their non-void purchases and top-ups up
/// to that day, in SQL: for one member inside a posting (from the member's own index range), for a set of members
/// (the review, demo data), or every member's rolling year (demo data; the what-if counts in SQL: <see cref="TierSql"/>).
/// </summary>
public static class TierMeasuring
{
    public static async Task<TierMeasures> OfMemberAsync(MemberCardsDb db, StoreClock clock, int memberId, DateOnly asOf, CancellationToken cancellationToken) =>
        (await OfMemberAsync(db, clock, memberId, asOf, asOf, cancellationToken)).First;

    /// <summary>
    /// A member's standing and measures as of a day in one statement (inside a posting: the member's row, and a
    /// range of their purchases' and top-ups' indexes per measure).
    /// </summary>
    public static async Task<(TierStanding Standing, TierMeasures Measures)> StandingAndMeasuresAsync(MemberCardsDb db, StoreClock clock, int memberId, DateOnly asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (rollingFrom, yearFrom, until) = Bounds.Of(clock, asOf);
        var spend = db.Purchases.Where(p => p.MemberId == memberId && p.VoidedAt == null && p.PurchasedAt < until);
        var read = await db.Members.Where(m => m.Id == memberId)
            .Select(m => new
            {
                Standing = new TierStanding(m.TierId, m.TierKeptUntil, m.TierFloorId, m.TierFloorUntil),
                Rolling = spend.Where(p => p.PurchasedAt >= rollingFrom).Sum(p => p.TotalMinor),
                Year = spend.Where(p => p.PurchasedAt >= yearFrom).Sum(p => p.TotalMinor),
                Lifetime = spend.Sum(p => p.TotalMinor),
                Largest = db.TopUps.Where(t => t.MemberId == memberId && t.VoidedAt == null && t.At >= rollingFrom && t.At < until).Max(t => (long?)t.AmountMinor) ?? 0,
            })
            .SingleAsync(cancellationToken);
        return (read.Standing, new TierMeasures(read.Rolling, read.Year, read.Lifetime, read.Largest));
    }

    /// <summary>One member's measures as of two days, in one read of their purchases and one of their top-ups.</summary>
    public static async Task<(TierMeasures First, TierMeasures Second)> OfMemberAsync(MemberCardsDb db, StoreClock clock, int memberId, DateOnly first, DateOnly second, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (a, b) = (Bounds.Of(clock, first), Bounds.Of(clock, second));
        var until = a.Until > b.Until ? a.Until : b.Until;
        var spend = await db.Purchases
            .Where(p => p.MemberId == memberId && p.VoidedAt == null && p.PurchasedAt < until)
            .GroupBy(p => p.MemberId)
            .Select(g => new
            {
                RollingA = g.Sum(p => p.PurchasedAt >= a.RollingFrom && p.PurchasedAt < a.Until ? p.TotalMinor : 0),
                YearA = g.Sum(p => p.PurchasedAt >= a.YearFrom && p.PurchasedAt < a.Until ? p.TotalMinor : 0),
                LifetimeA = g.Sum(p => p.PurchasedAt < a.Until ? p.TotalMinor : 0),
                RollingB = g.Sum(p => p.PurchasedAt >= b.RollingFrom && p.PurchasedAt < b.Until ? p.TotalMinor : 0),
                YearB = g.Sum(p => p.PurchasedAt >= b.YearFrom && p.PurchasedAt < b.Until ? p.TotalMinor : 0),
                LifetimeB = g.Sum(p => p.PurchasedAt < b.Until ? p.TotalMinor : 0),
            })
            .SingleOrDefaultAsync(cancellationToken);
        var from = a.RollingFrom < b.RollingFrom ? a.RollingFrom : b.RollingFrom;
        var topUps = await db.TopUps
            .Where(t => t.MemberId == memberId && t.VoidedAt == null && t.At >= from && t.At < until)
            .GroupBy(t => t.MemberId)
            .Select(g => new
            {
                LargestA = g.Max(t => t.At >= a.RollingFrom && t.At < a.Until ? t.AmountMinor : 0),
                LargestB = g.Max(t => t.At >= b.RollingFrom && t.At < b.Until ? t.AmountMinor : 0),
            })
            .SingleOrDefaultAsync(cancellationToken);
        return (new TierMeasures(spend?.RollingA ?? 0, spend?.YearA ?? 0, spend?.LifetimeA ?? 0, topUps?.LargestA ?? 0),
            new TierMeasures(spend?.RollingB ?? 0, spend?.YearB ?? 0, spend?.LifetimeB ?? 0, topUps?.LargestB ?? 0));
    }

    /// <summary>The measures of <paramref name="members"/> (a member with no purchase or top-up has none: all zero).</summary>
    public static async Task<Dictionary<int, TierMeasures>> OfMembersAsync(MemberCardsDb db, StoreClock clock, IQueryable<Member> members, DateOnly asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (rollingFrom, yearFrom, until) = Bounds.Of(clock, asOf);
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

    /// <summary>Every member's spend in the 12 months ending <paramref name="asOf"/>, closed members included; members without any are not in the answer.</summary>
    public static async Task<Dictionary<int, long>> RollingYearSpendByMemberAsync(MemberCardsDb db, StoreClock clock, DateOnly asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (rollingFrom, _, until) = Bounds.Of(clock, asOf);
        return await db.Database.SqlQueryRaw<MemberValue>(TierSql.SpendByMember(SqlDialect.Of(db.Database)), UnixMilliseconds.From(rollingFrom), UnixMilliseconds.From(until))
            .ToDictionaryAsync(v => v.Key, v => v.Value, cancellationToken);
    }

    private sealed record MemberValue(int Key, long Value);

    /// <summary>
    /// When each member's measure, counted from the start of its window as of <paramref name="asOf"/>, first reached
    /// their tier's threshold: the purchase (or the top-up) that crossed it. For a history loaded in bulk, once: it
    /// walks the window's purchases in member order (the member index) and keeps a running sum, which SQL shared by
    /// both engines cannot say.
    /// </summary>
    public static async Task<Dictionary<int, DateTime>> ReachedAtAsync(MemberCardsDb db, StoreClock clock, IReadOnlyDictionary<int, Tier> tiers, DateOnly asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(tiers);
        var (rollingFrom, yearFrom, until) = Bounds.Of(clock, asOf);
        var reachedAt = new Dictionary<int, DateTime>();
        foreach (var measure in tiers.Values.Select(t => t.Measure).Distinct())
        {
            bool Measured(int memberId, out long threshold)
            {
                threshold = tiers.TryGetValue(memberId, out var tier) && tier.Measure == measure ? tier.ThresholdMinor : 0;
                return threshold > 0;
            }
            if (measure == TierMeasure.SingleTopUp)
            {
                var topUps = db.TopUps.Where(t => t.VoidedAt == null && t.At >= rollingFrom && t.At < until).OrderBy(t => t.MemberId).ThenBy(t => t.At)
                    .Select(t => new { t.MemberId, t.At, t.AmountMinor });
                await foreach (var topUp in topUps.AsAsyncEnumerable().WithCancellation(cancellationToken))
                {
                    if (Measured(topUp.MemberId, out var threshold) && topUp.AmountMinor >= threshold)
                    {
                        reachedAt.TryAdd(topUp.MemberId, topUp.At);
                    }
                }
                continue;
            }
            var purchases = db.Purchases.Where(p => p.VoidedAt == null && p.PurchasedAt < until);
            purchases = measure switch
            {
                TierMeasure.RollingYearSpend => purchases.Where(p => p.PurchasedAt >= rollingFrom),
                TierMeasure.CalendarYearSpend => purchases.Where(p => p.PurchasedAt >= yearFrom),
                _ => purchases,
            };
            var (memberId, sum) = (0, 0L);
            var ordered = purchases.OrderBy(p => p.MemberId).ThenBy(p => p.PurchasedAt).Select(p => new { p.MemberId, p.PurchasedAt, p.TotalMinor });
            await foreach (var purchase in ordered.AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                if (!Measured(purchase.MemberId, out var threshold))
                {
                    continue;
                }
                (memberId, sum) = (purchase.MemberId, purchase.MemberId == memberId ? sum + purchase.TotalMinor : purchase.TotalMinor);
                if (sum >= threshold)
                {
                    reachedAt.TryAdd(memberId, purchase.PurchasedAt);
                }
            }
        }
        return reachedAt;
    }

    /// <summary>The UTC instants of a day's measure window: the rolling year's and calendar year's starts, and the end of the day.</summary>
    private readonly record struct Bounds(DateTime RollingFrom, DateTime YearFrom, DateTime Until)
    {
        public static Bounds Of(StoreClock clock, DateOnly asOf)
        {
            ArgumentNullException.ThrowIfNull(clock);
            var window = new MeasureWindow(asOf);
            return new(clock.StartOfDayUtc(window.RollingFrom), clock.StartOfDayUtc(window.YearFrom), clock.StartOfDayUtc(asOf.AddDays(1)));
        }
    }
}
