using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.CardValue;
using MemberCards.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Reports;

/// <summary>Points whose last day comes within the next <see cref="Days"/> days (through <see cref="LastDay"/>), and their cash value.</summary>
public sealed record ExpiringPointsWindow(int Days, DateOnly LastDay, long Points, long? CashValueMinor);

/// <summary>Money onto and off cards in one day, week or month: top-ups (principal), the bonus they got, and payments from cards.</summary>
public sealed record CardFlowPoint(DateOnly Start, long TopUpsMinor, long BonusGivenMinor, long SpentMinor);

/// <summary>
/// What the shop owes its card holders now — stored value (principal and bonus), points held and their cash value
/// under the current rule (null: points pay nothing), points owed by members — and how it moved over a range.
/// Bonus never expires (ARCHITECTURE.md, "Stored value"), so only points have an expiry schedule.
/// </summary>
public sealed record CardLiability(
    long PrincipalMinor, long BonusMinor, long MembersWithValue,
    long PointsHeld, long? PointsCashValueMinor, long PointsOwed, long MembersOwing,
    IReadOnlyList<ExpiringPointsWindow> Expiring, IReadOnlyList<CardFlowPoint> Flow);

/// <summary>The liability report: every aggregate runs in SQL (<see cref="LiabilitySql"/>); days are the store's.</summary>
public sealed class LiabilityReport(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock)
{
    public static readonly IReadOnlyList<int> ExpiryWindows = [30, 60, 90];

    private const long MillisecondsPerDay = 86_400_000;

    private static readonly string FlowSql = LiabilitySql.FlowByDay(MillisecondsPerDay);

    private sealed record OutstandingRow(long PrincipalMinor, long BonusMinor, long MembersWithValue, long PointsHeld, long PointsOwed, long MembersOwing);

    private sealed record ExpiringRow(long First, long Second, long Third);

    private sealed record FlowRow(long Day, long TopUpsMinor, long BonusGivenMinor, long SpentMinor);

    /// <summary>The figures now, and the flow over <paramref name="range"/> by <paramref name="granularity"/> (every period listed, empty ones as zero).</summary>
    public async Task<CardLiability> LoadAsync(DashboardRange range, Granularity granularity, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(range);
        Access.Require(user, Roles.Manager);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = await db.Database.SqlQueryRaw<OutstandingRow>(LiabilitySql.Outstanding).SingleAsync(cancellationToken);
        var rule = await db.PointsRules.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        long? CashValue(long points) => rule is { RedeemPointsPerYuan: > 0 } ? PointsValue.CashMinor(points, rule) : null;

        var today = clock.Today;
        var ends = ExpiryWindows.Select(days => today.AddDays(days)).ToArray();
        var expiring = await db.Database.SqlQueryRaw<ExpiringRow>(LiabilitySql.Expiring, ends[0], ends[1], ends[2]).SingleAsync(cancellationToken);
        long[] points = [expiring.First, expiring.Second, expiring.Third];

        var days = await FlowByDayAsync(db, range, cancellationToken);
        var flow = Enumerable.Range(0, range.Days)
            .Select(range.From.AddDays)
            .GroupBy(day => ActivityReport.PeriodStart(day, granularity))
            .Select(period => period.Aggregate(new CardFlowPoint(period.Key, 0, 0, 0), (sum, day) => days.GetValueOrDefault(day) is { } d
                ? sum with { TopUpsMinor = sum.TopUpsMinor + d.TopUpsMinor, BonusGivenMinor = sum.BonusGivenMinor + d.BonusGivenMinor, SpentMinor = sum.SpentMinor + d.SpentMinor }
                : sum));

        return new CardLiability(now.PrincipalMinor, now.BonusMinor, now.MembersWithValue, now.PointsHeld, CashValue(now.PointsHeld), now.PointsOwed, now.MembersOwing,
            [.. ExpiryWindows.Select((window, i) => new ExpiringPointsWindow(window, ends[i].AddDays(-1), points[i], CashValue(points[i])))],
            [.. flow]);
    }

    private async Task<Dictionary<DateOnly, FlowRow>> FlowByDayAsync(MemberCardsDb db, DashboardRange range, CancellationToken cancellationToken)
    {
        var epochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
        var days = new Dictionary<DateOnly, FlowRow>();
        foreach (var segment in clock.OffsetSegments(clock.StartOfDayUtc(range.From), clock.StartOfDayUtc(range.ToExclusive)))
        {
            var (offset, start, end) = ((long)segment.Offset.TotalMilliseconds, UnixMilliseconds.From(segment.StartUtc), UnixMilliseconds.From(segment.EndUtc));
            // A day split by a daylight-saving change comes back from two segments: add its halves.
            foreach (var row in await db.Database.SqlQueryRaw<FlowRow>(FlowSql, offset, start, end).ToListAsync(cancellationToken))
            {
                var day = DateOnly.FromDayNumber(epochDay + (int)row.Day);
                days[day] = days.GetValueOrDefault(day) is { } half
                    ? row with { TopUpsMinor = row.TopUpsMinor + half.TopUpsMinor, BonusGivenMinor = row.BonusGivenMinor + half.BonusGivenMinor, SpentMinor = row.SpentMinor + half.SpentMinor }
                    : row;
            }
        }
        return days;
    }
}
