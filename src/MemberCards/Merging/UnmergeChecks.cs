using System.Globalization;
using MemberCards.Data;
using MemberCards.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Merging;

/// <summary>
/// Why an unmerge could no longer put both members back exactly: something the merge moved has changed since (a
/// moved purchase or top-up voided, a moved coupon used or ended, moved points spent or expired, the stored value
/// moved onto the kept card spent), the kept member's tier moved, or either member can no longer take its part back.
/// Purchases and top-ups of the kept member's own since the merge never block it: they stay with the kept member.
/// </summary>
internal static class UnmergeChecks
{
    public static async Task<List<FieldError>> RefusalsAsync(MemberCardsDb db, MemberMerge merge, Member kept, Member absorbed, CultureInfo culture, CancellationToken cancellationToken)
    {
        List<FieldError> refusals = [];
        if (kept.Status == MemberStatus.Closed)
        {
            refusals.Add(FieldError.Of(MessageCode.UnmergeKeptMemberClosed, CardNumber.Format(kept.CardNumber)));
        }
        if (absorbed.AnonymizedAt is not null)
        {
            refusals.Add(FieldError.Of(MessageCode.UnmergeAbsorbedAnonymized));
        }
        var moves = db.MemberMergeMoves.Where(m => m.MergeId == merge.Id);
        // Each check starts from the merge's own rows and finds the moved row by its key (the cast is on the moves'
        // side, so the key's index is used): a thousand moved purchases, not a scan of every purchase.
        if (await moves.Where(m => m.Kind == MergeMoveKind.Purchase && m.Mark == 0).Join(db.Purchases, m => (int)m.RowId, p => p.Id, (m, p) => p)
            .Where(p => p.VoidedAt != null).Select(p => (int?)p.Id).MinAsync(cancellationToken) is { } purchaseId)
        {
            refusals.Add(FieldError.Of(MessageCode.UnmergePurchaseVoided, purchaseId));
        }
        if (await moves.Where(m => m.Kind == MergeMoveKind.TopUp && m.Mark == 0).Join(db.TopUps, m => (int)m.RowId, t => t.Id, (m, t) => t)
            .Where(t => t.VoidedAt != null).Select(t => (int?)t.Id).MinAsync(cancellationToken) is { } topUpId)
        {
            refusals.Add(FieldError.Of(MessageCode.UnmergeTopUpVoided, topUpId));
        }
        // A member holds a handful of coupons: their states are compared here rather than in SQL, where they are text.
        var coupons = await moves.Where(m => m.Kind == MergeMoveKind.Coupon)
            .Join(db.Coupons, m => (int)m.RowId, c => c.Id, (m, c) => new { c.Id, c.Code, c.State, m.Mark })
            .ToListAsync(cancellationToken);
        if (coupons.OrderBy(c => c.Id).FirstOrDefault(c => (long)c.State != c.Mark) is { } coupon)
        {
            refusals.Add(FieldError.Of(MessageCode.UnmergeCouponUsed, coupon.Code));
        }
        var lotsChanged = await moves.Where(m => m.Kind == MergeMoveKind.PointsLot)
            .AnyAsync(m => db.PointsLots.Any(l => l.Id == m.RowId && l.RemainingPoints != m.Mark), cancellationToken);
        if (lotsChanged || kept.Points < merge.MovedPoints)
        {
            refusals.Add(FieldError.Of(MessageCode.UnmergePointsUsed));
        }
        if (kept.PrincipalMinor < merge.MovedPrincipalMinor || kept.BonusMinor < merge.MovedBonusMinor)
        {
            refusals.Add(FieldError.Of(MessageCode.UnmergeStoredValueSpent, Money.Format(merge.MovedPrincipalMinor, culture), Money.Format(merge.MovedBonusMinor, culture)));
        }
        if (await db.TierChanges.AnyAsync(c => c.MemberId == kept.Id && c.Id > merge.TierChangeMark, cancellationToken))
        {
            refusals.Add(FieldError.Of(MessageCode.UnmergeTierChanged));
        }
        refusals.AddRange(await ContactsTakenAsync(db, absorbed, cancellationToken));
        return refusals;
    }

    /// <summary>The absorbed member's phone and email are unique among open memberships: one taken since must be freed first.</summary>
    private static async Task<List<FieldError>> ContactsTakenAsync(MemberCardsDb db, Member absorbed, CancellationToken cancellationToken)
    {
        List<FieldError> taken = [];
        var open = db.Members.Where(m => m.Id != absorbed.Id && m.Status != MemberStatus.Closed);
        if (absorbed.Phone is { } phone && await open.Where(m => m.Phone == phone).Select(m => m.CardNumber).FirstOrDefaultAsync(cancellationToken) is { } phoneCard)
        {
            taken.Add(FieldError.Of(MessageCode.UnmergeContactTaken, new FieldName(nameof(Member.Phone)), CardNumber.Format(phoneCard)));
        }
        if (absorbed.Email is { } email && await open.Where(m => m.Email == email).Select(m => m.CardNumber).FirstOrDefaultAsync(cancellationToken) is { } emailCard)
        {
            taken.Add(FieldError.Of(MessageCode.UnmergeContactTaken, new FieldName(nameof(Member.Email)), CardNumber.Format(emailCard)));
        }
        return taken;
    }
}
