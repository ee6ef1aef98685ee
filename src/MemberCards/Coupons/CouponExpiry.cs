using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Auditing;
using MemberCards.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Coupons;

/// <summary>What one run of the coupon expiry did: the store day it ran for and how many coupons it expired.</summary>
public sealed record CouponExpiryRun(DateOnly Day, int Expired);

/// <summary>Unused coupons of one template that reach their last valid day within the week ahead.</summary>
public sealed record ExpiringCoupons(int TemplateId, string Name, int Coupons, DateOnly FirstLastDay);

/// <summary>
/// Coupons past their last valid day become expired, once a store day (<see cref="CouponExpiryJob"/>): a coupon valid
/// through D can be used through D and is expired on D + 1. One conditional update: running it twice changes nothing.
/// </summary>
public sealed class CouponExpiry(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock)
{
    public const int SoonDays = 7;
    private const string JobName = "coupon-expiry";

    public async Task<CouponExpiryRun> RunAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.Require(user, Roles.Manager);
        var (now, today) = (clock.UtcNow, clock.Today);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var expired = await db.Coupons.Where(c => c.State == CouponState.Issued && c.ValidTo < today)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.State, CouponState.Expired).SetProperty(c => c.EndedAt, now).SetProperty(c => c.EndedBy, JobName), cancellationToken);
        if (expired > 0)
        {
            AuditLog.Add(db, now, JobName, AuditActions.CouponsExpired, nameof(Coupon), null, new { Day = today, Expired = expired });
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new CouponExpiryRun(today, expired);
    }

    /// <summary>What expires in the next <see cref="SoonDays"/> days (today included), by template, the most first.</summary>
    public async Task<IReadOnlyList<ExpiringCoupons>> ExpiringSoonAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.Require(user, Roles.Campaigns);
        var today = clock.Today;
        var last = today.AddDays(SoonDays - 1);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Coupons.Where(c => c.State == CouponState.Issued && c.ValidTo >= today && c.ValidTo <= last)
            .GroupBy(c => new { c.TemplateId, c.Template!.Name })
            .OrderByDescending(g => g.Count())
            .Select(g => new ExpiringCoupons(g.Key.TemplateId, g.Key.Name, g.Count(), g.Min(c => c.ValidTo)))
            .ToListAsync(cancellationToken);
    }
}
