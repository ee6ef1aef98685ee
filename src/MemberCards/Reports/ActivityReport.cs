using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Data;
using MemberCards.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Reports;

/// <summary>Revenue of one day, week (starting Monday) or month (starting on the 1st).</summary>
public sealed record RevenuePoint(DateOnly Start, long RevenueMinor, int Purchases);

/// <summary>Purchases in one hour of one weekday (0 = Monday), on the store's clock.</summary>
public sealed record HourCell(int Weekday, int Hour, int Purchases);

public sealed record TierCount(Tiers.TierName Tier, int Members);

public sealed record MonthCount(DateOnly Month, int Members);

/// <summary>
/// When the shop sells and who joins: revenue over time and purchases per weekday and hour (from the 15-minute
/// <see cref="RevenueBucket"/>s, split where the store's UTC offset changes), members per tier and new members
/// per month (from the member indexes).
/// </summary>
public sealed class ActivityReport(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock, SpendReport spend)
{
    private const long MillisecondsPerHour = 3_600_000;
    private const long MillisecondsPerDay = 86_400_000;

    private sealed record CellRow(int Weekday, int Hour, int Purchases);

    /// <summary>Every day, week or month the range touches, in order, empty ones as zero.</summary>
    public async Task<IReadOnlyList<RevenuePoint>> RevenueOverTimeAsync(DashboardRange range, Granularity granularity, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(range);
        var days = (await spend.RevenueByDayAsync(range.From, range.ToExclusive, user, cancellationToken)).ToDictionary(d => d.Day);
        return [.. Enumerable.Range(0, range.Days)
            .Select(range.From.AddDays)
            .GroupBy(day => PeriodStart(day, granularity))
            .Select(period => new RevenuePoint(period.Key,
                period.Sum(day => days.GetValueOrDefault(day)?.RevenueMinor ?? 0),
                period.Sum(day => days.GetValueOrDefault(day)?.Purchases ?? 0)))];
    }

    public static DateOnly PeriodStart(DateOnly day, Granularity granularity) => granularity switch
    {
        Granularity.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        Granularity.Month => new DateOnly(day.Year, day.Month, 1),
        _ => day,
    };

    /// <summary>Purchases per weekday and hour of day in the range; hours without purchases are left out.</summary>
    public async Task<IReadOnlyList<HourCell>> PurchasesByHourAsync(DashboardRange range, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(range);
        Access.Require(user, Roles.Dashboard);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var cells = new Dictionary<(int, int), int>();
        foreach (var segment in clock.OffsetSegments(clock.StartOfDayUtc(range.From), clock.StartOfDayUtc(range.ToExclusive)))
        {
            var offset = (long)segment.Offset.TotalMilliseconds;
            var (start, end) = (UnixMilliseconds.From(segment.StartUtc), UnixMilliseconds.From(segment.EndUtc));
            // Day 0 of Unix time, 1 January 1970, was a Thursday: 3 days after a Monday.
            var rows = await db.Database.SqlQuery<CellRow>($"""
                SELECT (("StartMs" + {offset}) / {MillisecondsPerDay} + 3) % 7 AS "Weekday", (("StartMs" + {offset}) / {MillisecondsPerHour}) % 24 AS "Hour",
                       SUM("Purchases") AS "Purchases"
                FROM "RevenueBuckets"
                WHERE "StartMs" >= {start} AND "StartMs" < {end}
                GROUP BY 1, 2
                HAVING SUM("Purchases") > 0
                """).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                cells[(row.Weekday, row.Hour)] = cells.GetValueOrDefault((row.Weekday, row.Hour)) + row.Purchases;
            }
        }
        return [.. cells.OrderBy(c => c.Key).Select(c => new HourCell(c.Key.Item1, c.Key.Item2, c.Value))];
    }

    /// <summary>Members per tier now, closed memberships left out; every tier of the store listed, in rank order.</summary>
    public async Task<IReadOnlyList<TierCount>> MembersByTierAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.Require(user, Roles.Dashboard);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var counts = await db.Members
            .Where(m => m.Status != MemberStatus.Closed)
            .GroupBy(m => m.TierId)
            .Select(g => new { TierId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.TierId, g => g.Count, cancellationToken);
        var ladder = await Tiers.TierEvaluation.LadderAsync(db, cancellationToken);
        return [.. ladder.Tiers.Select(tier => new TierCount(tier.Label, counts.GetValueOrDefault(tier.Id)))];
    }

    /// <summary>Members who joined in each calendar month the range touches, counting only the range's days.</summary>
    public async Task<IReadOnlyList<MonthCount>> NewMembersByMonthAsync(DashboardRange range, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(range);
        Access.Require(user, Roles.Dashboard);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var months = new List<MonthCount>();
        for (var month = PeriodStart(range.From, Granularity.Month); month < range.ToExclusive; month = month.AddMonths(1))
        {
            var from = clock.StartOfDayUtc(month > range.From ? month : range.From);
            var next = month.AddMonths(1);
            var to = clock.StartOfDayUtc(next < range.ToExclusive ? next : range.ToExclusive);
            months.Add(new MonthCount(month, await db.Members.CountAsync(m => m.JoinedAt >= from && m.JoinedAt < to, cancellationToken)));
        }
        return months;
    }
}
