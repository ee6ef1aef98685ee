using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Auditing;
using MemberCards.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Coupons;

/// <summary>A member's coupon as their page lists it.</summary>
public sealed record MemberCoupon(int Id, string Code, string Name, CouponKind Kind, CouponState State, DateOnly ValidFrom, DateOnly ValidTo,
    DateTime IssuedAt, int? PurchaseId, long DiscountMinor);

/// <summary>The coupons one member holds, whatever their state, and withdrawing one that was issued by mistake.</summary>
public sealed class MemberCouponService(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock)
{
    /// <summary>Unused ones first (soonest to expire first), then the rest newest first.</summary>
    public async Task<IReadOnlyList<MemberCoupon>> ListAsync(int memberId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.RequireSignedIn(user);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Coupons.AsNoTracking().Where(c => c.MemberId == memberId)
            .OrderBy(c => c.State != CouponState.Issued).ThenBy(c => c.State == CouponState.Issued ? c.ValidTo : DateOnly.MinValue).ThenByDescending(c => c.Id)
            .Select(c => new MemberCoupon(c.Id, c.Code, c.Template!.Name, c.Template.Kind, c.State, c.ValidFrom, c.ValidTo, c.IssuedAt, c.PurchaseId, c.DiscountMinor))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Withdraws an unused coupon (it counts against the template's total still: it was issued).</summary>
    public async Task<Result<int>> RevokeAsync(int couponId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var by = Access.Require(user, Roles.Manager + "," + Roles.Marketing);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.UtcNow;
        var changed = await db.Coupons.Where(c => c.Id == couponId && c.State == CouponState.Issued)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.State, CouponState.Revoked).SetProperty(c => c.EndedAt, now).SetProperty(c => c.EndedBy, by), cancellationToken);
        if (changed == 0)
        {
            return await db.Coupons.AnyAsync(c => c.Id == couponId, cancellationToken)
                ? Result<int>.Refused("", MessageCode.CouponNotRevocable)
                : Result<int>.Refused("", MessageCode.CouponNotFound);
        }
        AuditLog.Add(db, now, by, AuditActions.CouponRevoked, nameof(Coupon), couponId, null);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<int>.Ok(couponId);
    }
}
