using MemberCards.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Reports;

/// <summary>
/// Revenue and purchase count per 15 minutes (UTC), kept in the same transaction as every purchase and void.
/// Charts read these instead of grouping a million purchases: a year is 35,000 buckets. Fifteen minutes because
/// every time zone's offset is a whole number of quarter hours, so buckets add up exactly to any zone's days.
/// </summary>
public sealed class RevenueBucket
{
    public const long WidthMs = 15 * 60 * 1000;

    /// <summary>Start of the bucket in UTC Unix milliseconds, a multiple of <see cref="WidthMs"/>.</summary>
    public long StartMs { get; set; }

    public long RevenueMinor { get; set; }
    public int Purchases { get; set; }

    public static long StartOf(DateTime utc) => UnixMilliseconds.From(utc) / WidthMs * WidthMs;

    /// <summary>
    /// Adds a purchase (count +1) or takes a voided one out (count −1, negative revenue). The old values are named
    /// with the table, which PostgreSQL requires (a bare name is ambiguous with excluded's) and SQLite accepts.
    /// </summary>
    public static Task AddAsync(MemberCardsDb db, DateTime purchasedAt, long revenueMinor, int purchases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var start = StartOf(purchasedAt);
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO "RevenueBuckets" ("StartMs", "RevenueMinor", "Purchases") VALUES ({start}, {revenueMinor}, {purchases})
            ON CONFLICT ("StartMs") DO UPDATE SET "RevenueMinor" = "RevenueBuckets"."RevenueMinor" + excluded."RevenueMinor", "Purchases" = "RevenueBuckets"."Purchases" + excluded."Purchases"
            """, cancellationToken);
    }
}
