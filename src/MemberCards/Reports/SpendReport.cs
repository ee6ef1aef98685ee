using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Reports;

public sealed record DayRevenue(DateOnly Day, long RevenueMinor, int Purchases);

public sealed record MonthRevenue(DateOnly Month, long RevenueMinor, int Purchases);

public sealed record Headline(int ActiveMembers, long RevenueThisMonthMinor, int PurchasesThisMonth, long RevenueTodayMinor);

/// <summary>
/// Revenue figures for the dashboard. Spend = Σ quantity × unit price over the lines of non-void purchases
/// (stored per purchase as TotalMinor); purchase count = number of non-void purchases. Days follow the store's
/// time zone. Revenue over time is read from the 15-minute <see cref="RevenueBucket"/>s, not from the purchases.
/// </summary>
public sealed class SpendReport(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock)
{
    private const long MillisecondsPerDay = 86_400_000;

    private sealed record DayRow(long Day, long RevenueMinor, int Purchases);

    /// <summary>Revenue per local day in [from, to); days without sales are left out.</summary>
    public async Task<IReadOnlyList<DayRevenue>> RevenueByDayAsync(DateOnly from, DateOnly toExclusive, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.Require(user, Roles.Dashboard);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var days = new Dictionary<long, (long Revenue, int Purchases)>();
        foreach (var segment in clock.OffsetSegments(clock.StartOfDayUtc(from), clock.StartOfDayUtc(toExclusive)))
        {
            var offset = (long)segment.Offset.TotalMilliseconds;
            var start = UnixMilliseconds.From(segment.StartUtc);
            var end = UnixMilliseconds.From(segment.EndUtc);
            var rows = await db.Database.SqlQuery<DayRow>($"""
                SELECT ("StartMs" + {offset}) / {MillisecondsPerDay} AS "Day", SUM("RevenueMinor") AS "RevenueMinor", SUM("Purchases") AS "Purchases"
                FROM "RevenueBuckets"
                WHERE "StartMs" >= {start} AND "StartMs" < {end}
                GROUP BY 1
                HAVING SUM("Purchases") > 0
                """).ToListAsync(cancellationToken);
            // A day split by a daylight-saving change comes back from two segments: add its halves.
            foreach (var row in rows)
            {
                var sum = days.GetValueOrDefault(row.Day);
                days[row.Day] = (sum.Revenue + row.RevenueMinor, sum.Purchases + row.Purchases);
            }
        }
        var epochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
        return [.. days.OrderBy(d => d.Key).Select(d => new DayRevenue(DateOnly.FromDayNumber(epochDay + (int)d.Key), d.Value.Revenue, d.Value.Purchases))];
    }

    /// <summary>Revenue per calendar month for the last <paramref name="months"/> months, this month included, empty months as zero.</summary>
    public async Task<IReadOnlyList<MonthRevenue>> RevenueByMonthAsync(int months, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(months, 1);
        var today = clock.Today;
        var firstMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(1 - months);
        var days = await RevenueByDayAsync(firstMonth, today.AddDays(1), user, cancellationToken);
        var byMonth = days.ToLookup(d => new DateOnly(d.Day.Year, d.Day.Month, 1));
        return [.. Enumerable.Range(0, months)
            .Select(firstMonth.AddMonths)
            .Select(month => new MonthRevenue(month, byMonth[month].Sum(d => d.RevenueMinor), byMonth[month].Sum(d => d.Purchases)))];
    }

    /// <summary>The figures at the top of the home page. Active members: a non-void purchase in the last 90 days.</summary>
    public async Task<Headline> HeadlineAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        var days = await RevenueByDayAsync(monthStart, today.AddDays(1), user, cancellationToken);
        var activeSince = clock.StartOfDayUtc(today.AddDays(-89));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var activeMembers = await db.Members.CountAsync(m => m.LastPurchaseAt >= activeSince, cancellationToken);
        var todayRevenue = days.Where(d => d.Day == today).Sum(d => d.RevenueMinor);
        return new Headline(activeMembers, days.Sum(d => d.RevenueMinor), days.Sum(d => d.Purchases), todayRevenue);
    }
}
