using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Reports;

/// <summary>A figure now and in the previous period, cut at the same point of that period (to the quarter hour).</summary>
public sealed record KpiFigure(long Current, long Previous);

public sealed record DashboardKpis(
    KpiFigure RevenueToday, KpiFigure RevenueThisWeek, KpiFigure RevenueThisMonth, KpiFigure PurchasesToday,
    KpiFigure AverageBasket, KpiFigure ActiveMembers, KpiFigure NewMembersThisMonth);

/// <summary>
/// The dashboard's headline figures, each against the previous period up to the same local time: today against
/// yesterday until this time of day, this week against last week until the same weekday and time, and so on.
/// Revenue and purchase counts come from the 15-minute <see cref="RevenueBucket"/>s, so voids are already out.
/// </summary>
public sealed class KpiReport(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock)
{
    private sealed record Span(long FromMs, long ToMs);

    private sealed record Sums(long RevenueMinor, int Purchases);

    /// <param name="range">The average basket is taken over this range, against the same number of days before it.</param>
    public async Task<DashboardKpis> LoadAsync(DashboardRange range, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(range);
        Access.Require(user, Roles.Dashboard);
        var today = clock.Today;
        var weekStart = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        async Task<(Sums Current, Sums Previous)> RevenueAsync(DateOnly from, DateOnly toExclusive, DateOnly previousFrom)
        {
            var (current, previous) = Compare(from, toExclusive, previousFrom);
            return (await SumAsync(db, current, cancellationToken), await SumAsync(db, previous, cancellationToken));
        }

        var day = await RevenueAsync(today, today.AddDays(1), today.AddDays(-1));
        var week = await RevenueAsync(weekStart, weekStart.AddDays(7), weekStart.AddDays(-7));
        var month = await RevenueAsync(monthStart, monthStart.AddMonths(1), monthStart.AddMonths(-1));
        var basket = await RevenueAsync(range.From, range.ToExclusive, range.From.AddDays(-range.Days));

        var activeSince = clock.StartOfDayUtc(today.AddDays(-89));
        var activeMembers = await db.Members.CountAsync(m => m.LastPurchaseAt >= activeSince, cancellationToken);
        var activeYesterday = activeMembers + await ActiveChangeSinceYesterdayAsync(db, today, cancellationToken);
        var (joined, joinedBefore) = Compare(monthStart, monthStart.AddMonths(1), monthStart.AddMonths(-1));

        return new DashboardKpis(
            new(day.Current.RevenueMinor, day.Previous.RevenueMinor),
            new(week.Current.RevenueMinor, week.Previous.RevenueMinor),
            new(month.Current.RevenueMinor, month.Previous.RevenueMinor),
            new(day.Current.Purchases, day.Previous.Purchases),
            new(AverageBasket(basket.Current), AverageBasket(basket.Previous)),
            new(activeMembers, activeYesterday),
            new(await JoinedAsync(db, joined, cancellationToken), await JoinedAsync(db, joinedBefore, cancellationToken)));
    }

    /// <summary>Σ spend / number of purchases, rounded to the minor unit; 0 without purchases.</summary>
    private static long AverageBasket(Sums sums) => sums.Purchases == 0 ? 0 : (long)Math.Round(sums.RevenueMinor / (decimal)sums.Purchases);

    /// <summary>
    /// The period from its first local day until now (or its end, if over), and the previous period from its first
    /// day for as long on the local clock, never past the current period's start. While the period runs, both ends
    /// take in the whole quarter hour they fall in (the buckets' width), so a purchase made this minute counts.
    /// </summary>
    private (Span Current, Span Previous) Compare(DateOnly from, DateOnly toExclusive, DateOnly previousFrom)
    {
        var start = from.ToDateTime(TimeOnly.MinValue);
        var now = clock.LocalNow;
        var running = now < toExclusive.ToDateTime(TimeOnly.MinValue);
        var end = running ? now : toExclusive.ToDateTime(TimeOnly.MinValue);
        var previousStart = previousFrom.ToDateTime(TimeOnly.MinValue);
        var previousEnd = Min(previousStart + (end - start), start);
        return (ToSpan(start, end, running), ToSpan(previousStart, previousEnd, running && previousEnd < start));
    }

    private Span ToSpan(DateTime localFrom, DateTime localTo, bool wholeLastQuarter)
    {
        var to = UnixMilliseconds.From(clock.ToUtc(localTo));
        return new(UnixMilliseconds.From(clock.ToUtc(localFrom)), wholeLastQuarter ? to / RevenueBucket.WidthMs * RevenueBucket.WidthMs + RevenueBucket.WidthMs : to);
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static async Task<Sums> SumAsync(MemberCardsDb db, Span span, CancellationToken cancellationToken) =>
        await db.RevenueBuckets
            .Where(b => b.StartMs >= span.FromMs && b.StartMs < span.ToMs)
            .GroupBy(_ => 1)
            .Select(g => new Sums(g.Sum(b => b.RevenueMinor), g.Sum(b => b.Purchases)))
            .SingleOrDefaultAsync(cancellationToken) ?? new Sums(0, 0);

    /// <summary>
    /// Members active at the end of yesterday minus those active now, without counting either window's distinct
    /// members (70 ms at a million purchases): those whose only purchases since day −89 are from today joined,
    /// and those whose purchase on day −90 was their last before today dropped out. Both are found among one day's
    /// purchases, each checked in the member index.
    /// </summary>
    private async Task<int> ActiveChangeSinceYesterdayAsync(MemberCardsDb db, DateOnly today, CancellationToken cancellationToken)
    {
        var (dayMinus90, dayMinus89, todayStart) = (Ms(today.AddDays(-90)), Ms(today.AddDays(-89)), Ms(today));
        return await db.Database.SqlQuery<int>($"""
            SELECT
              (SELECT COUNT(DISTINCT p."MemberId") FROM "Purchases" p
               WHERE p."PurchasedAt" >= {dayMinus90} AND p."PurchasedAt" < {dayMinus89} AND p."VoidedAt" IS NULL
                 AND NOT EXISTS (SELECT 1 FROM "Purchases" q WHERE q."MemberId" = p."MemberId" AND q."PurchasedAt" >= {dayMinus89} AND q."PurchasedAt" < {todayStart} AND q."VoidedAt" IS NULL))
            - (SELECT COUNT(DISTINCT p."MemberId") FROM "Purchases" p
               WHERE p."PurchasedAt" >= {todayStart} AND p."VoidedAt" IS NULL
                 AND NOT EXISTS (SELECT 1 FROM "Purchases" q WHERE q."MemberId" = p."MemberId" AND q."PurchasedAt" >= {dayMinus89} AND q."PurchasedAt" < {todayStart} AND q."VoidedAt" IS NULL))
            AS "Value"
            """).SingleAsync(cancellationToken);

        long Ms(DateOnly day) => UnixMilliseconds.From(clock.StartOfDayUtc(day));
    }

    private static Task<int> JoinedAsync(MemberCardsDb db, Span span, CancellationToken cancellationToken)
    {
        var (from, to) = (UnixMilliseconds.ToUtc(span.FromMs), UnixMilliseconds.ToUtc(span.ToMs));
        return db.Members.CountAsync(m => m.JoinedAt >= from && m.JoinedAt < to, cancellationToken);
    }
}
