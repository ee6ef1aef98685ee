using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Reports;

public sealed record DayRevenue(DateOnly Day, long RevenueMinor, int Purchases);

/// <summary>
/// Revenue per local day, which the dashboard's charts build on. Spend = Σ quantity × unit price over the lines of non-void purchases
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
}
