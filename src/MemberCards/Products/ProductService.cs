using System.Globalization;
using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Auditing;
using MemberCards.Data;
using MemberCards.Purchases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberCards.Products;

/// <summary>A product that can be sold now, as the purchase dialog offers it.</summary>
public sealed record CatalogItem(int Id, string Name, string Category, long UnitPriceMinor);

public sealed record ProductRow(int Id, string Name, string Category, long UnitPriceMinor, bool IsActive, int Version, bool HasSales);

public sealed record ProductInput(string Name, string Category, long UnitPriceMinor);

/// <summary>
/// The product catalog. Sale lines copy a product's name and price, so a change here applies to new purchases
/// only. A product with sales is never deleted, only deactivated; one without sales (added by mistake) may be.
/// </summary>
public sealed class ProductService(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock, IOptions<MemberCardsOptions> options)
{
    public const int NameLength = 100;
    public const int CategoryLength = 50;

    /// <summary>Active products, by category and name.</summary>
    public async Task<IReadOnlyList<CatalogItem>> CatalogAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.Require(user, Roles.RecordPurchases);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Products.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.Category).ThenBy(p => p.Name)
            .Select(p => new CatalogItem(p.Id, p.Name, p.Category, p.UnitPriceMinor))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Every product, inactive ones included (the purchases page filters on them too).</summary>
    public async Task<IReadOnlyList<ProductRow>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.RequireSignedIn(user);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Products.AsNoTracking().OrderBy(p => p.Category).ThenBy(p => p.Name)
            .Select(p => new ProductRow(p.Id, p.Name, p.Category, p.UnitPriceMinor, p.IsActive, p.Version, db.PurchaseLines.Any(l => l.ProductId == p.Id)))
            .ToListAsync(cancellationToken);
    }

    public async Task<Result<int>> AddAsync(ProductInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var actor = Access.Require(user, Roles.Manager);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var errors = await ValidateAsync(db, input, 0, cancellationToken);
        if (errors.Count > 0)
        {
            return Result<int>.Refused(errors);
        }
        var product = new Product { Name = input.Name.Trim(), Category = input.Category.Trim(), UnitPriceMinor = input.UnitPriceMinor };
        db.Products.Add(product);
        await db.SaveChangesAsync(cancellationToken);
        AuditLog.Add(db, clock.UtcNow, actor, AuditActions.ProductCreated, nameof(Product), product.Id, Snapshot(product));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<int>.Ok(product.Id);
    }

    /// <summary>Changes name, category or price; refused when someone changed the product since <paramref name="version"/>.</summary>
    public Task<Result<int>> UpdateAsync(int id, int version, ProductInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ChangeAsync(id, version, user, async (db, product) =>
        {
            var errors = await ValidateAsync(db, input, id, cancellationToken);
            if (errors.Count > 0)
            {
                return errors;
            }
            var before = Snapshot(product);
            (product.Name, product.Category, product.UnitPriceMinor) = (input.Name.Trim(), input.Category.Trim(), input.UnitPriceMinor);
            return AuditLog.Changes(before, Snapshot(product)).Count > 0 ? [] : [FieldError.Of(MessageCode.ProductNothingToSave)];
        }, (product, before) => (AuditActions.ProductChanged, AuditLog.Changes(before, Snapshot(product))), cancellationToken);
    }

    /// <summary>An inactive product can no longer be sold; its past sales stay as they were.</summary>
    public Task<Result<int>> SetActiveAsync(int id, int version, bool active, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ChangeAsync(id, version, user, (_, product) =>
        {
            product.IsActive = active;
            return Task.FromResult<IReadOnlyList<FieldError>>([]);
        }, (product, _) => (active ? AuditActions.ProductReactivated : AuditActions.ProductDeactivated, new { product.Name }), cancellationToken);

    /// <summary>Deletes a product that was never sold; one with sales is refused (deactivate it instead).</summary>
    public Task<Result<int>> DeleteAsync(int id, int version, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ChangeAsync(id, version, user, async (db, product) =>
        {
            if (await db.PurchaseLines.AnyAsync(l => l.ProductId == id, cancellationToken))
            {
                return [FieldError.Of(MessageCode.ProductHasSales, product.Name)];
            }
            db.Products.Remove(product);
            return [];
        }, (product, _) => (AuditActions.ProductDeleted, Snapshot(product)), cancellationToken);

    private async Task<Result<int>> ChangeAsync(
        int id, int version, ClaimsPrincipal user,
        Func<MemberCardsDb, Product, Task<IReadOnlyList<FieldError>>> change,
        Func<Product, Dictionary<string, object?>, (string Action, object Details)> audit,
        CancellationToken cancellationToken)
    {
        var actor = Access.Require(user, Roles.Manager);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var product = await db.Products.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null)
        {
            return Result<int>.Refused("", MessageCode.ProductNotFound);
        }
        if (product.Version != version)
        {
            return Result<int>.Refused([Stale(product)]);
        }
        var before = Snapshot(product);
        var errors = await change(db, product);
        if (errors.Count > 0)
        {
            return Result<int>.Refused(errors);
        }
        product.Version++;
        var (action, details) = audit(product, before);
        AuditLog.Add(db, clock.UtcNow, actor, action, nameof(Product), id, details);
        if (!await db.TrySaveChangesAsync(cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken);
            return Result<int>.Refused([Stale(await fresh.Products.AsNoTracking().SingleAsync(p => p.Id == id, cancellationToken))]);
        }
        await transaction.CommitAsync(cancellationToken);
        return Result<int>.Ok(product.Version);
    }

    private FieldError Stale(Product now) =>
        FieldError.Of(MessageCode.ProductChangedByOther, now.Name, now.Category, Money.Format(now.UnitPriceMinor, Culture), now.IsActive ? ProductStatus.Active : ProductStatus.Inactive);

    private CultureInfo Culture => CultureInfo.GetCultureInfo(options.Value.Culture);

    private static Dictionary<string, object?> Snapshot(Product product) => new()
    {
        [nameof(Product.Name)] = product.Name,
        [nameof(Product.Category)] = product.Category,
        [nameof(Product.UnitPriceMinor)] = product.UnitPriceMinor,
    };

    private async Task<List<FieldError>> ValidateAsync(MemberCardsDb db, ProductInput input, int id, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var name = input.Name?.Trim() ?? "";
        var category = input.Category?.Trim() ?? "";
        if (name.Length == 0 || name.Length > NameLength)
        {
            errors.Add(new FieldError(nameof(ProductInput.Name), MessageCode.ProductNameLength, NameLength));
        }
#pragma warning disable CA1304, CA1311 // SQL lower(), not .NET's: EF Core translates only the culture-free overload.
        else if (await db.Products.AnyAsync(p => p.Id != id && EF.Functions.Like(p.Name.ToLower(), LikePattern.Escape(name).ToLowerInvariant(), LikePattern.EscapeCharacter), cancellationToken))
#pragma warning restore CA1304, CA1311
        {
            errors.Add(new FieldError(nameof(ProductInput.Name), MessageCode.ProductNameTaken, name));
        }
        if (category.Length == 0 || category.Length > CategoryLength)
        {
            errors.Add(new FieldError(nameof(ProductInput.Category), MessageCode.ProductCategoryLength, CategoryLength));
        }
        if (input.UnitPriceMinor < 0)
        {
            errors.Add(PurchaseRules.NegativePriceError(nameof(ProductInput.UnitPriceMinor)));
        }
        else if (input.UnitPriceMinor > options.Value.MaxUnitPriceMinor)
        {
            errors.Add(PurchaseRules.PriceTooHighError(nameof(ProductInput.UnitPriceMinor), options.Value.MaxUnitPriceMinor, Culture));
        }
        return errors;
    }
}
