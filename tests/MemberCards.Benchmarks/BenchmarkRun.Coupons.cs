using MemberCards.Campaigns;
using MemberCards.Coupons;
using MemberCards.Data;
using MemberCards.Purchases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberCards.Benchmarks;

/// <summary>
/// #18's operations, named with the issue's words. Issuing runs first and fills the table: every repetition issues
/// a coupon to the top 50,000 spenders of the year (23 runs at the default 20 repetitions: 1,150,000 coupons), so the
/// till's lookups after it run with over a million issued coupons in the table.
/// </summary>
public sealed partial class BenchmarkRun
{
    public const string IssueToSegment = "issue to a segment of 50,000 members";
    public const string UsableCoupons = "usable coupons for a member (in the dialog)";
    public const string QuoteWithCoupon = "quote with a coupon";
    public const string CampaignResults = "campaign results for an issue of 50,000";

    private static IEnumerable<Operation> CouponOperations(IServiceProvider services, IReadOnlyList<int> productIds)
    {
        var issues = services.GetRequiredService<CouponIssueService>();
        var purchases = services.GetRequiredService<PurchaseService>();
        var results = services.GetRequiredService<CouponResultsService>();
        var held = new List<(int MemberId, string Code)>();
        var (voucher, amountOff, segment, lastIssue) = (0, 0, 0, 0);

        yield return new(IssueToSegment, 5_000, async (i, t) =>
        {
            if (segment == 0)
            {
                (voucher, amountOff, segment) = await SetUpCouponsAsync(services, t);
            }
            var issued = await issues.IssueToSegmentAsync(i % 2 == 0 ? voucher : amountOff, segment, 10, User, t);
            lastIssue = issued.Succeeded ? issued.Value!.IssueId : throw new InvalidOperationException($"{issued.Errors[0].Field}: {issued.Errors[0].Code}");
        });
        Basket BasketOf(int i, IReadOnlyList<string>? codes = null) => new(held[i % held.Count].MemberId,
            [new NewPurchaseLine(productIds[i % productIds.Count], 2), new NewPurchaseLine(productIds[(i + 5) % productIds.Count], 1)], CouponCodes: codes);
        yield return new(UsableCoupons, 10, async (i, t) =>
        {
            if (held.Count == 0)
            {
                lastIssue = lastIssue != 0 ? lastIssue : await LatestSegmentIssueAsync(services, t);
                held.AddRange(await HeldCouponsAsync(services, lastIssue, t));
            }
            await purchases.CouponChoicesAsync(BasketOf(i), User, t);
        });
        yield return new(QuoteWithCoupon, 3, async (i, t) =>
        {
            var receipt = await purchases.QuoteAsync(BasketOf(i, [held[i % held.Count].Code]), User, t);
            if (receipt.Coupons.Count == 0 && receipt.Refusals.All(r => r.Code != MessageCode.CouponNeedsMore))
            {
                throw new InvalidOperationException($"The coupon was not applied: {string.Join(", ", receipt.Refusals.Select(r => r.Code))}");
            }
        });
        yield return new(CampaignResults, 300, async (i, t) =>
        {
            lastIssue = lastIssue != 0 ? lastIssue : await LatestSegmentIssueAsync(services, t);
            await results.ForIssueAsync(lastIssue, User, t);
        });
    }

    /// <summary>Two templates (a ¥10 voucher, 满100减20) and the saved segment of the year's top 50,000 spenders.</summary>
    private static async Task<(int Voucher, int AmountOff, int Segment)> SetUpCouponsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var templates = services.GetRequiredService<CouponTemplateService>();
        var stamp = DateTime.UtcNow.Ticks;
        var voucher = await templates.SaveAsync(new CouponTemplateInput(0, 0, $"代金券10元 {stamp}", CouponKind.Voucher, AmountOffMinor: 1_000, ValidDays: 30), User, cancellationToken);
        var amountOff = await templates.SaveAsync(new CouponTemplateInput(0, 0, $"满100减20 {stamp}", CouponKind.AmountOff, ThresholdMinor: 10_000, AmountOffMinor: 2_000, ValidDays: 30), User, cancellationToken);
        var segment = await services.GetRequiredService<SavedSegmentService>().CreateAsync($"Top 50,000 of the year {stamp}",
            new SegmentCriteria { PeriodDays = 365, Top = 50_000 }, User, cancellationToken);
        return (voucher.Value!.Id, amountOff.Value!.Id, segment.Value!.Id);
    }

    /// <summary>With --only skipping the issue operation on an --existing file: the file's latest segment issue.</summary>
    private static async Task<int> LatestSegmentIssueAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<MemberCardsDb>>().CreateDbContextAsync(cancellationToken);
        return await db.CouponIssues.Where(i => i.Source == CouponSource.Segment).MaxAsync(i => (int?)i.Id, cancellationToken)
            ?? throw new InvalidOperationException("No segment issue in the file: run the issue operation first.");
    }

    /// <summary>200 members of the last issue with one of its coupons each.</summary>
    private static async Task<IReadOnlyList<(int MemberId, string Code)>> HeldCouponsAsync(IServiceProvider services, int issueId, CancellationToken cancellationToken)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<MemberCardsDb>>().CreateDbContextAsync(cancellationToken);
        var rows = await db.Coupons.Where(c => c.IssueId == issueId && c.State == CouponState.Issued).OrderBy(c => c.Id)
            .Select(c => new { c.MemberId, c.Code }).Take(200).ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.MemberId, r.Code))];
    }
}
