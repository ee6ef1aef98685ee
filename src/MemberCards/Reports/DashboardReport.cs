using System.Security.Claims;

namespace MemberCards.Reports;

/// <summary>Everything the dashboard shows for one range, loaded together.</summary>
public sealed record DashboardFigures(
    DashboardKpis Kpis,
    IReadOnlyList<RevenuePoint> Revenue,
    IReadOnlyList<CategorySales> Categories,
    IReadOnlyList<ProductSales> TopProducts,
    IReadOnlyList<MemberSpend> TopMembers,
    IReadOnlyList<TierCount> Tiers,
    IReadOnlyList<MonthCount> NewMembers,
    IReadOnlyList<HourCell> PurchasesByHour);

/// <summary>The dashboard's queries, one after the other on this request (SQLite serves one connection fastest).</summary>
public sealed class DashboardReport(KpiReport kpis, ActivityReport activity, SalesMixReport sales)
{
    public const int TopCount = 10;

    public async Task<DashboardFigures> LoadAsync(DashboardRange range, Granularity granularity, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var products = await sales.ProductsAsync(range, user, cancellationToken);
        return new DashboardFigures(
            await kpis.LoadAsync(range, user, cancellationToken),
            await activity.RevenueOverTimeAsync(range, granularity, user, cancellationToken),
            SalesMixReport.ByCategory(products),
            SalesMixReport.Top(products, TopCount),
            await sales.TopMembersAsync(range, TopCount, user, cancellationToken),
            await activity.MembersByTierAsync(user, cancellationToken),
            await activity.NewMembersByMonthAsync(range, user, cancellationToken),
            await activity.PurchasesByHourAsync(range, user, cancellationToken));
    }
}
