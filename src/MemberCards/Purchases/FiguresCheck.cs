using System.Globalization;
using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Purchases;

public enum Figure
{
    PurchaseTotal,
    MemberPurchaseCount,
    MemberSpend,
    MemberLastPurchase,
    BucketRevenue,
    BucketPurchases,
    ProductDayRevenue,
    ProductDayQuantity,
    MemberPrincipal,
    MemberBonus,
    MemberPoints,
    MemberPointsInLots,
    LedgerBalancesAfter,
    PurchaseTendersPaid,
    PurchaseCardTender,

    /// <summary>A coupon template's count of coupons issued.</summary>
    CouponTemplateIssued,

    /// <summary>A coupon issue's count of coupons issued.</summary>
    CouponIssueIssued,

    /// <summary>The discount a purchase's redeemed coupons record against the coupon discount of its lines.</summary>
    PurchaseCouponDiscount,
}

/// <summary>
/// One stored figure that differs from the same figure recomputed from the purchases. <see cref="Key"/> names the
/// row (a purchase or member id, a bucket start, "day/product/category"); instants are UTC Unix milliseconds.
/// </summary>
public sealed record FigureMismatch(Figure Figure, string Key, long? Stored, long? Actual);

/// <summary>
/// Recomputes every figure the postings keep — each purchase's total from its lines and its tenders, member
/// figures, revenue buckets, product sales days, each card's balances from its ledger and lots — from the source and lists each one that differs. Clean means every path
/// that wrote (till, void, bulk load) moved them exactly; the <c>check-figures</c> command runs it.
/// </summary>
public sealed class FiguresCheck(IDbContextFactory<MemberCardsDb> dbFactory)
{
    private sealed record TotalRow(int Key, long Stored, long Actual);

    private sealed record MemberRow(int MemberId, int StoredCount, int ActualCount, long StoredSpent, long ActualSpent, long? StoredLast, long? ActualLast);

    private sealed record BucketRow(long StartMs, long StoredRevenue, long ActualRevenue, int StoredPurchases, int ActualPurchases);

    private sealed record CardRow(int MemberId, long StoredPrincipal, long ActualPrincipal, long StoredBonus, long ActualBonus, long StoredPoints, long ActualPoints,
        long PointsHeld, long PointsInLots, long LastPrincipalAfter, long LastBonusAfter, long LastPointsAfter);

    private sealed record TenderRow(int Key, long Total, long Paid, long FromCard, long Spent);

    /// <param name="Kind">0: a template's count; 1: an issue's.</param>
    private sealed record CouponRow(int Kind, int Key, long Stored, long Actual);

    private sealed record ProductDayRow(long DayMs, int ProductId, string Category, long StoredRevenue, long ActualRevenue, int StoredQuantity, int ActualQuantity);

    public async Task<IReadOnlyList<FigureMismatch>> FindMismatchesAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.Require(user, Roles.Manager);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // No transaction: each query compares stored and recomputed figures in one statement, which the database
        // reads at one moment, so a purchase posted meanwhile cannot show up as a mismatch, and writers never wait.
        var found = new List<FigureMismatch>();
        foreach (var row in await db.Database.SqlQueryRaw<TotalRow>(FiguresSql.PurchaseTotals).ToListAsync(cancellationToken))
        {
            found.Add(new FigureMismatch(Figure.PurchaseTotal, Key(row.Key), row.Stored, row.Actual));
        }
        foreach (var row in await db.Database.SqlQueryRaw<MemberRow>(FiguresSql.MemberFigures).ToListAsync(cancellationToken))
        {
            var key = Key(row.MemberId);
            Add(found, Figure.MemberPurchaseCount, key, row.StoredCount, row.ActualCount);
            Add(found, Figure.MemberSpend, key, row.StoredSpent, row.ActualSpent);
            Add(found, Figure.MemberLastPurchase, key, row.StoredLast, row.ActualLast);
        }
        foreach (var row in await db.Database.SqlQueryRaw<BucketRow>(FiguresSql.RevenueBuckets).ToListAsync(cancellationToken))
        {
            var key = Key(row.StartMs);
            Add(found, Figure.BucketRevenue, key, row.StoredRevenue, row.ActualRevenue);
            Add(found, Figure.BucketPurchases, key, row.StoredPurchases, row.ActualPurchases);
        }
        foreach (var row in await db.Database.SqlQueryRaw<ProductDayRow>(FiguresSql.ProductSalesDays).ToListAsync(cancellationToken))
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"{row.DayMs}/{row.ProductId}/{row.Category}");
            Add(found, Figure.ProductDayRevenue, key, row.StoredRevenue, row.ActualRevenue);
            Add(found, Figure.ProductDayQuantity, key, row.StoredQuantity, row.ActualQuantity);
        }
        foreach (var row in await db.Database.SqlQueryRaw<CardRow>(FiguresSql.CardBalances).ToListAsync(cancellationToken))
        {
            var key = Key(row.MemberId);
            Add(found, Figure.MemberPrincipal, key, row.StoredPrincipal, row.ActualPrincipal);
            Add(found, Figure.MemberBonus, key, row.StoredBonus, row.ActualBonus);
            Add(found, Figure.MemberPoints, key, row.StoredPoints, row.ActualPoints);
            Add(found, Figure.MemberPointsInLots, key, row.PointsHeld, row.PointsInLots);
            if (row.StoredPrincipal != row.LastPrincipalAfter || row.StoredBonus != row.LastBonusAfter || row.StoredPoints != row.LastPointsAfter)
            {
                found.Add(new FigureMismatch(Figure.LedgerBalancesAfter, key, row.StoredPrincipal + row.StoredBonus, row.LastPrincipalAfter + row.LastBonusAfter));
            }
        }
        foreach (var row in await db.Database.SqlQueryRaw<TenderRow>(FiguresSql.PurchaseTenders).ToListAsync(cancellationToken))
        {
            var key = Key(row.Key);
            Add(found, Figure.PurchaseTendersPaid, key, row.Total, row.Paid);
            Add(found, Figure.PurchaseCardTender, key, row.FromCard, row.Spent);
        }
        foreach (var row in await db.Database.SqlQueryRaw<CouponRow>(FiguresSql.CouponCounts).ToListAsync(cancellationToken))
        {
            found.Add(new FigureMismatch(row.Kind == 0 ? Figure.CouponTemplateIssued : Figure.CouponIssueIssued, Key(row.Key), row.Stored, row.Actual));
        }
        foreach (var row in await db.Database.SqlQueryRaw<TotalRow>(FiguresSql.PurchaseCouponDiscounts).ToListAsync(cancellationToken))
        {
            found.Add(new FigureMismatch(Figure.PurchaseCouponDiscount, Key(row.Key), row.Stored, row.Actual));
        }
        return found;
    }

    private static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static void Add(List<FigureMismatch> found, Figure figure, string key, long? stored, long? actual)
    {
        if (stored != actual)
        {
            found.Add(new FigureMismatch(figure, key, stored, actual));
        }
    }
}
