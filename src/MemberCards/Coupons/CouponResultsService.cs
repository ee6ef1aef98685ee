using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Coupons;

/// <summary>What one issue earned: coupons issued and redeemed, the revenue of the purchases that redeemed them, the discount given.</summary>
public sealed record IssueResult(int IssueId, string TemplateName, CouponKind Kind, CouponSource Source, string? SegmentName, DateTime IssuedAt, string IssuedBy,
    int Issued, int Redeemed, long RevenueMinor, long DiscountMinor, int ControlMembers, DateOnly? ValidFrom, DateOnly? ValidTo)
{
    /// <summary>Redeemed ÷ issued, 0–1.</summary>
    public double RedemptionRate => Issued == 0 ? 0 : (double)Redeemed / Issued;
}

/// <summary>
/// Spend of the coupon group and of the control group over the coupons' validity (to today while it runs), and the
/// incremental spend: what the coupon group spent beyond what it would have at the control group's spend per member.
/// </summary>
public sealed record IssueLift(DateOnly From, DateOnly To, int CouponMembers, long CouponSpendMinor, int ControlMembers, long ControlSpendMinor)
{
    public long CouponSpendPerMemberMinor => CouponMembers == 0 ? 0 : CouponSpendMinor / CouponMembers;

    public long ControlSpendPerMemberMinor => ControlMembers == 0 ? 0 : ControlSpendMinor / ControlMembers;

    /// <summary>Coupon group's spend − control group's spend scaled to the coupon group's size, rounded half-up.</summary>
    public long IncrementalSpendMinor => CouponSpendMinor - (ControlSpendMinor * CouponMembers * 2 + ControlMembers) / (2L * ControlMembers);
}

/// <summary>Campaign results for marketing and managers (one grouped query for the list; the lift for one issue with a control group).</summary>
public sealed class CouponResultsService(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock)
{
    /// <summary>Every issue, newest first.</summary>
    public async Task<IReadOnlyList<IssueResult>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.Require(user, Roles.Campaigns);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var figures = (await CouponSql.IssueFiguresAsync(db, null, cancellationToken)).ToDictionary(f => f.IssueId);
        var issues = await db.CouponIssues.AsNoTracking().Include(i => i.Template).OrderByDescending(i => i.Id).ToListAsync(cancellationToken);
        return [.. issues.Select(i => Result(i, figures.GetValueOrDefault(i.Id)))];
    }

    public async Task<(IssueResult Result, IssueLift? Lift)?> ForIssueAsync(int issueId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.Require(user, Roles.Campaigns);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var issue = await db.CouponIssues.AsNoTracking().Include(i => i.Template).SingleOrDefaultAsync(i => i.Id == issueId, cancellationToken);
        if (issue is null)
        {
            return null;
        }
        var figures = (await CouponSql.IssueFiguresAsync(db, issueId, cancellationToken)).SingleOrDefault();
        return (Result(issue, figures), issue is { ControlMembers: > 0, ValidFrom: { } from, ValidTo: { } to } ? await LiftAsync(db, issueId, from, to, cancellationToken) : null);
    }

    private async Task<IssueLift> LiftAsync(MemberCardsDb db, int issueId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var last = to < clock.Today ? to : clock.Today;
        var (start, end) = (clock.StartOfDayUtc(from), clock.StartOfDayUtc(last.AddDays(1)));
        var coupon = await CouponSql.GroupSpendAsync(db, issueId, control: false, start, end, cancellationToken);
        var control = await CouponSql.GroupSpendAsync(db, issueId, control: true, start, end, cancellationToken);
        return new IssueLift(from, last, coupon.Members, coupon.SpendMinor, control.Members, control.SpendMinor);
    }

    private static IssueResult Result(CouponIssue issue, IssueFigures? figures) => new(issue.Id, issue.Template!.Name, issue.Template.Kind, issue.Source, issue.SegmentName,
        issue.IssuedAt, issue.IssuedBy, figures?.Issued ?? 0, figures?.Redeemed ?? 0, figures?.RevenueMinor ?? 0, figures?.DiscountMinor ?? 0,
        issue.ControlMembers, issue.ValidFrom, issue.ValidTo);
}
