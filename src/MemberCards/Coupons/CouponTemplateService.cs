using System.Globalization;
using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Auditing;
using MemberCards.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberCards.Coupons;

/// <summary>Coupon templates, set by managers and marketing: list them, save one (new or edited), stop issuing one.</summary>
public sealed class CouponTemplateService(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock, IOptions<MemberCardsOptions> options)
{
    private readonly CultureInfo _culture = CultureInfo.GetCultureInfo(options.Value.Culture);

    /// <summary>Every template, those still issued first, by name (with the product it gives and the tiers it names).</summary>
    public async Task<IReadOnlyList<CouponTemplate>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.RequireSignedIn(user);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.CouponTemplates.AsNoTracking().Include(t => t.FreeProduct).Include(t => t.MinTier)
            .OrderBy(t => t.ArchivedAt != null).ThenBy(t => t.Name).ToListAsync(cancellationToken);
    }

    /// <summary>Creates (Id 0) or updates a template; an edit carries the version it was loaded at.</summary>
    public async Task<Result<CouponTemplate>> SaveAsync(CouponTemplateInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var by = Access.Require(user, Roles.Campaigns);
        if (CouponTemplateRules.Validate(input, _culture).ToList() is { Count: > 0 } errors)
        {
            return Result<CouponTemplate>.Refused(errors);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var template = input.Id == 0
            ? new CouponTemplate { Name = input.Name, CreatedAt = clock.UtcNow, CreatedBy = by }
            : await db.CouponTemplates.SingleOrDefaultAsync(t => t.Id == input.Id, cancellationToken);
        if (template is null)
        {
            return Result<CouponTemplate>.Refused("", MessageCode.CouponTemplateNotFound);
        }
        if (template.Version != input.Version)
        {
            return Result<CouponTemplate>.Refused("", MessageCode.CouponTemplateChanged);
        }
        if (await ReferenceErrorsAsync(db, input, template, cancellationToken) is { Count: > 0 } referenceErrors)
        {
            return Result<CouponTemplate>.Refused(referenceErrors);
        }
        input.CopyTo(template);
        template.Version++;
        if (input.Id == 0)
        {
            db.CouponTemplates.Add(template);
        }
        if (!await db.TrySaveChangesAsync(cancellationToken))
        {
            return Result<CouponTemplate>.Refused("", MessageCode.CouponTemplateChanged);
        }
        AuditLog.Add(db, clock.UtcNow, by, AuditActions.CouponTemplateSaved, nameof(CouponTemplate), template.Id, input);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<CouponTemplate>.Ok(template);
    }

    /// <summary>Stops issuing a template (coupons already issued stay usable until they expire).</summary>
    public async Task<Result<int>> ArchiveAsync(int id, int version, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var by = Access.Require(user, Roles.Campaigns);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.UtcNow;
        var changed = await db.CouponTemplates.Where(t => t.Id == id && t.Version == version && t.ArchivedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.ArchivedAt, now).SetProperty(t => t.Version, t => t.Version + 1), cancellationToken);
        if (changed == 0)
        {
            return await db.CouponTemplates.AnyAsync(t => t.Id == id, cancellationToken)
                ? Result<int>.Refused("", MessageCode.CouponTemplateChanged)
                : Result<int>.Refused("", MessageCode.CouponTemplateNotFound);
        }
        AuditLog.Add(db, now, by, AuditActions.CouponTemplateArchived, nameof(CouponTemplate), id, null);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<int>.Ok(id);
    }

    /// <summary>What the input names must exist, its name must be its own, and its total can't fall below what was issued.</summary>
    private static async Task<List<FieldError>> ReferenceErrorsAsync(MemberCardsDb db, CouponTemplateInput input, CouponTemplate template, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var name = input.Name.Trim();
        if (await db.CouponTemplates.AnyAsync(t => t.Name == name && t.Id != input.Id, cancellationToken))
        {
            errors.Add(new FieldError(nameof(input.Name), MessageCode.CouponNameTaken));
        }
        if (input.Kind == CouponKind.FreeProduct && !await db.Products.AnyAsync(p => p.Id == input.FreeProductId, cancellationToken))
        {
            errors.Add(new FieldError(nameof(input.FreeProductId), MessageCode.CouponProductMissing));
        }
        if (input.TotalQuantity < template.IssuedCount)
        {
            errors.Add(new FieldError(nameof(input.TotalQuantity), MessageCode.CouponQuantityBelowIssued, template.IssuedCount));
        }
        var tierIds = new[] { input.MinTierId, input.Trigger == CouponTrigger.ReachingTier ? input.TriggerTierId : null }.OfType<int>().ToList();
        foreach (var tierId in tierIds)
        {
            if (!await db.Tiers.AnyAsync(t => t.Id == tierId && t.DeletedAt == null, cancellationToken))
            {
                errors.Add(new FieldError(tierId == input.MinTierId ? nameof(input.MinTierId) : nameof(input.TriggerTierId), MessageCode.TierUnknown));
            }
        }
        return errors;
    }
}
