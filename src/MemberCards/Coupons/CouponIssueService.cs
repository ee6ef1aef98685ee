using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Auditing;
using MemberCards.Campaigns;
using MemberCards.Data;
using MemberCards.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Coupons;

/// <summary>
/// What issuing a template to a saved segment would do: the members in it today, how many are held back as the
/// control group, how many get a coupon, how many are skipped (they hold the most allowed), how many the template
/// still has, and what it costs if every coupon is redeemed (null when that depends on the baskets: an uncapped 折扣).
/// </summary>
public sealed record SegmentIssuePreview(int Members, int Control, int Receiving, int AtLimit, int? Left, long? CostIfAllRedeemMinor);

/// <summary>An issue to a segment as written.</summary>
public sealed record SegmentIssued(int IssueId, int Issued, int Control, int AtLimit);

/// <summary>Hands out coupons: one to a member (staff, managers), or one to each member of a saved segment (marketing, managers).</summary>
public sealed class CouponIssueService(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock, SegmentService segments)
{
    public const int MaxControlPercent = 50;

    public async Task<Result<int>> IssueToMemberAsync(int templateId, int memberId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var by = Access.Require(user, Roles.EditMembers);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (now, today) = (clock.UtcNow, clock.Today);
        var locked = await CouponIssuing.LockTemplateAsync(db, templateId, today, cancellationToken);
        if (!locked.Succeeded)
        {
            return Result<int>.Refused(locked.Errors);
        }
        if (!await db.Members.AnyAsync(m => m.Id == memberId && m.Status != MemberStatus.Closed, cancellationToken))
        {
            return Result<int>.Refused("", MessageCode.MemberNotFound);
        }
        var template = locked.Value!;
        var issueId = await CouponIssuing.StandingIssueAsync(db, templateId, CouponSource.Member, now, by, cancellationToken);
        var issued = await CouponIssuing.IssueAsync(db, template, issueId, [memberId], now, today, cancellationToken);
        if (!issued.Succeeded)
        {
            return Result<int>.Refused(issued.Errors);
        }
        if (issued.Value!.AtLimit > 0)
        {
            return Result<int>.Refused("", MessageCode.CouponMemberAtLimit, template.PerMemberLimit);
        }
        var couponId = await db.Coupons.Where(c => c.IssueId == issueId && c.MemberId == memberId).MaxAsync(c => c.Id, cancellationToken);
        AuditLog.Add(db, now, by, AuditActions.CouponsIssued, nameof(Coupon), couponId, new { TemplateId = templateId, MemberId = memberId });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<int>.Ok(couponId);
    }

    public async Task<Result<SegmentIssuePreview>> PreviewSegmentAsync(int templateId, int savedSegmentId, int controlPercent, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.Require(user, Roles.Campaigns);
        if (ControlError(controlPercent) is { } controlError)
        {
            return Result<SegmentIssuePreview>.Refused([controlError]);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var template = await db.CouponTemplates.AsNoTracking().Include(t => t.FreeProduct).SingleOrDefaultAsync(t => t.Id == templateId, cancellationToken);
        if (template is null)
        {
            return Result<SegmentIssuePreview>.Refused("", MessageCode.CouponTemplateNotFound);
        }
        var opened = await OpenSegmentAsync(db, savedSegmentId, cancellationToken);
        if (!opened.Succeeded)
        {
            return Result<SegmentIssuePreview>.Refused(opened.Errors);
        }
        var members = opened.Value!.Members;
        var control = ControlSize(members.Count, controlPercent);
        var offered = members.Count - control;
        var underLimit = (await CouponIssuing.UnderLimitAsync(db, template, members, cancellationToken)).Count;
        // The control group is drawn from the whole segment: about the same share of those at their limit falls in it.
        var receiving = members.Count == 0 ? 0 : (int)((long)underLimit * offered / members.Count);
        return Result<SegmentIssuePreview>.Ok(new SegmentIssuePreview(members.Count, control, receiving, offered - receiving, CouponIssuing.Left(template),
            FaceValue(template) * receiving));
    }

    /// <summary>
    /// Issues the template to every member of the saved segment as it is today, in one transaction, holding back
    /// <paramref name="controlPercent"/>% chosen at random as the control group (recorded). Refused, issuing nothing,
    /// for an empty segment or when it would pass the template's total quantity; members at their limit are skipped.
    /// </summary>
    public async Task<Result<SegmentIssued>> IssueToSegmentAsync(int templateId, int savedSegmentId, int controlPercent, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var by = Access.Require(user, Roles.Campaigns);
        if (ControlError(controlPercent) is { } controlError)
        {
            return Result<SegmentIssued>.Refused([controlError]);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (now, today) = (clock.UtcNow, clock.Today);
        var locked = await CouponIssuing.LockTemplateAsync(db, templateId, today, cancellationToken);
        if (!locked.Succeeded)
        {
            return Result<SegmentIssued>.Refused(locked.Errors);
        }
        var opened = await OpenSegmentAsync(db, savedSegmentId, cancellationToken);
        if (!opened.Succeeded)
        {
            return Result<SegmentIssued>.Refused(opened.Errors);
        }
        var (segment, members) = opened.Value!;
        var drawn = members.ToArray();
        Random.Shared.Shuffle(drawn);
        var control = drawn[..ControlSize(drawn.Length, controlPercent)];
        var template = locked.Value!;
        var (from, to) = template.ValidityFor(today);
        var issue = new CouponIssue
        {
            TemplateId = templateId,
            Source = CouponSource.Segment,
            SavedSegmentId = segment.Id,
            SegmentName = segment.Name,
            IssuedAt = now,
            IssuedBy = by,
            ControlPercent = controlPercent,
            ControlMembers = control.Length,
            ValidFrom = from,
            ValidTo = to,
        };
        db.CouponIssues.Add(issue);
        await db.SaveChangesAsync(cancellationToken);
        var issued = await CouponIssuing.IssueAsync(db, template, issue.Id, drawn[control.Length..], now, today, cancellationToken);
        if (!issued.Succeeded)
        {
            return Result<SegmentIssued>.Refused(issued.Errors);
        }
        db.CouponControlMembers.AddRange(control.Select(m => new CouponControlMember { IssueId = issue.Id, MemberId = m }));
        AuditLog.Add(db, now, by, AuditActions.CouponsIssued, nameof(CouponIssue), issue.Id,
            new { TemplateId = templateId, SegmentId = segment.Id, issued.Value!.Issued, Control = control.Length, issued.Value.AtLimit });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<SegmentIssued>.Ok(new SegmentIssued(issue.Id, issued.Value.Issued, control.Length, issued.Value.AtLimit));
    }

    /// <summary>What one coupon takes off when redeemed in full; null for an uncapped percent off (it depends on the basket).</summary>
    public static long? FaceValue(CouponTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template.Kind switch
        {
            CouponKind.AmountOff or CouponKind.Voucher => template.AmountOffMinor,
            CouponKind.PercentOff => template.CapMinor > 0 ? template.CapMinor : null,
            _ => template.FreeProduct?.UnitPriceMinor,
        };
    }

    private static int ControlSize(int members, int percent) => (int)(((long)members * percent + 50) / 100);

    private static FieldError? ControlError(int percent) =>
        percent is < 0 or > MaxControlPercent ? new FieldError(nameof(CouponIssue.ControlPercent), MessageCode.CouponControlPercentOutOfRange) : null;

    private async Task<Result<(SavedSegment Segment, IReadOnlyList<int> Members)>> OpenSegmentAsync(MemberCardsDb db, int savedSegmentId, CancellationToken cancellationToken)
    {
        var saved = await db.SavedSegments.AsNoTracking().SingleOrDefaultAsync(s => s.Id == savedSegmentId, cancellationToken);
        if (saved is null)
        {
            return Result<(SavedSegment, IReadOnlyList<int>)>.Refused(nameof(CouponIssue.SavedSegmentId), MessageCode.SegmentNotFound);
        }
        if (SegmentCriteriaJson.Read(saved.CriteriaVersion, saved.CriteriaJson) is not { } criteria)
        {
            return Result<(SavedSegment, IReadOnlyList<int>)>.Refused(nameof(CouponIssue.SavedSegmentId), MessageCode.SegmentUnreadable, saved.Name, saved.CriteriaVersion);
        }
        var members = await segments.OpenMemberIdsAsync(db, criteria, cancellationToken);
        return members.Count == 0
            ? Result<(SavedSegment, IReadOnlyList<int>)>.Refused(nameof(CouponIssue.SavedSegmentId), MessageCode.CouponSegmentEmpty)
            : Result<(SavedSegment, IReadOnlyList<int>)>.Ok((saved, members));
    }
}
