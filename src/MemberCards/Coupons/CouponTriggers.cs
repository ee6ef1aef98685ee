using MemberCards.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Coupons;

/// <summary>
/// Coupons handed out by events, inside the transaction of the event: a member joining, a member reaching a tier
/// (each tier an upgrade passes). A template whose total is used up, or that the member already holds the most of,
/// issues nothing: the event itself is never refused for a coupon.
/// </summary>
internal static class CouponTriggers
{
    public static async Task OnJoiningAsync(MemberCardsDb db, int memberId, DateTime now, DateOnly today, string by, CancellationToken cancellationToken)
    {
        var templates = await db.CouponTemplates.Where(t => t.Trigger == CouponTrigger.Joining && t.ArchivedAt == null)
            .Select(t => t.Id).ToListAsync(cancellationToken);
        await IssueEachAsync(db, templates, CouponSource.Joining, memberId, now, today, by, cancellationToken);
    }

    public static async Task AfterUpgradeAsync(MemberCardsDb db, int memberId, int fromTierId, int toTierId, DateTime now, DateOnly today, string by, CancellationToken cancellationToken)
    {
        var fromRank = await db.Tiers.Where(t => t.Id == fromTierId).Select(t => t.Rank).SingleAsync(cancellationToken);
        var toRank = await db.Tiers.Where(t => t.Id == toTierId).Select(t => t.Rank).SingleAsync(cancellationToken);
        var templates = await db.CouponTemplates
            .Where(t => t.Trigger == CouponTrigger.ReachingTier && t.ArchivedAt == null
                && db.Tiers.Any(tier => tier.Id == t.TriggerTierId && tier.DeletedAt == null && tier.Rank > fromRank && tier.Rank <= toRank))
            .Select(t => t.Id).ToListAsync(cancellationToken);
        await IssueEachAsync(db, templates, CouponSource.ReachingTier, memberId, now, today, by, cancellationToken);
    }

    /// <summary>A top-up rule's gift coupon for the member who topped up.</summary>
    public static Task OnTopUpAsync(MemberCardsDb db, int templateId, int memberId, int topUpId, DateTime now, DateOnly today, string by, CancellationToken cancellationToken) =>
        IssueEachAsync(db, [templateId], CouponSource.TopUpGift, memberId, now, today, by, cancellationToken, topUpId);

    /// <summary>A void of a top-up withdraws the coupon its rule gave, while unused (a redeemed one was a purchase's discount and stays).</summary>
    public static Task<int> AfterTopUpVoidAsync(MemberCardsDb db, int topUpId, DateTime now, string by, CancellationToken cancellationToken) =>
        db.Coupons.Where(c => c.TopUpId == topUpId && c.State == CouponState.Issued)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.State, CouponState.Revoked).SetProperty(c => c.EndedAt, now).SetProperty(c => c.EndedBy, by), cancellationToken);

    private static async Task IssueEachAsync(MemberCardsDb db, IReadOnlyList<int> templateIds, CouponSource source, int memberId, DateTime now, DateOnly today, string by,
        CancellationToken cancellationToken, int? topUpId = null)
    {
        foreach (var templateId in templateIds)
        {
            var locked = await CouponIssuing.LockTemplateAsync(db, templateId, today, cancellationToken);
            if (!locked.Succeeded)
            {
                continue;
            }
            var issueId = await CouponIssuing.StandingIssueAsync(db, templateId, source, now, by, cancellationToken);
            await CouponIssuing.IssueAsync(db, locked.Value!, issueId, [memberId], now, today, cancellationToken, topUpId);
        }
    }
}
