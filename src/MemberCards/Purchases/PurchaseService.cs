using System.Globalization;
using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Auditing;
using MemberCards.Data;
using MemberCards.Members;
using MemberCards.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberCards.Purchases;

public sealed record NewPurchaseLine(int ProductId, int Quantity, long? UnitPriceMinor = null);

/// <param name="PurchasedAt">Null for "now"; only managers may give an earlier time, within the backdating window.</param>
/// <param name="IdempotencyKey">Chosen once per entry dialog: saving again with the same key records nothing new.</param>
public sealed record NewPurchase(int MemberId, IReadOnlyList<NewPurchaseLine> Lines, DateTime? PurchasedAt = null, Guid? IdempotencyKey = null);

/// <param name="AlreadyRecorded">True when the key had been saved before: this is that purchase, not a new one.</param>
public sealed record RecordedPurchase(int PurchaseId, long TotalMinor, bool AlreadyRecorded = false);

public sealed class PurchaseService(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock, PurchaseFeed feed, IOptions<MemberCardsOptions> options)
{
    public const int VoidReasonLength = 500;

    private readonly CultureInfo _culture = CultureInfo.GetCultureInfo(options.Value.Culture);

    /// <summary>Records one receipt and moves the member's figures with it, in one transaction.</summary>
    public async Task<Result<RecordedPurchase>> RecordAsync(NewPurchase input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(user);
        var recordedBy = Access.Require(user, Roles.RecordPurchases);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Begun before the checks (SQLite: BEGIN IMMEDIATE), so a card frozen meanwhile can't slip through, and a
        // second save with the same key waits for the first and then finds it.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (input.IdempotencyKey is { } savedKey && await FindByKeyAsync(db, savedKey, cancellationToken) is { } earlier)
        {
            return Result<RecordedPurchase>.Ok(earlier);
        }
        var now = clock.UtcNow;
        if (TimeError(input.PurchasedAt, user.IsInRole(Roles.Manager), now) is { } timeError)
        {
            return Result<RecordedPurchase>.Refused([timeError]);
        }
        var status = await db.Members.Where(m => m.Id == input.MemberId).Select(m => (MemberStatus?)m.Status).SingleOrDefaultAsync(cancellationToken);
        if (status is null)
        {
            return Result<RecordedPurchase>.Refused(nameof(NewPurchase.MemberId), "No member has this card: find the member again.");
        }
        if (status != MemberStatus.Active)
        {
            return Result<RecordedPurchase>.Refused(nameof(NewPurchase.MemberId),
                $"The card is {status.Value.ToString().ToLowerInvariant()}: unfreeze or reissue it before recording purchases.");
        }

        var productIds = input.Lines.Select(l => l.ProductId).Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var built = PurchaseRules.BuildLines(input.Lines, products, requireActive: true, options.Value.MaxUnitPriceMinor, _culture);
        if (!built.Succeeded)
        {
            return Result<RecordedPurchase>.Refused(built.Errors);
        }

        var purchase = new Purchase
        {
            MemberId = input.MemberId,
            PurchasedAt = input.PurchasedAt ?? now,
            RecordedBy = recordedBy,
            IdempotencyKey = input.IdempotencyKey,
            Lines = [.. built.Value!],
            TotalMinor = built.Value!.Sum(l => l.UnitPriceMinor * l.Quantity),
        };
        db.Purchases.Add(purchase);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (input.IdempotencyKey is { } key)
        {
            // Where reads don't wait for the first writer (PostgreSQL), the unique index catches the second save.
            await transaction.RollbackAsync(cancellationToken);
            await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (await FindByKeyAsync(fresh, key, cancellationToken) is { } first)
            {
                return Result<RecordedPurchase>.Ok(first);
            }
            throw;
        }
        AuditLog.Add(db, now, recordedBy, AuditActions.PurchaseRecorded, nameof(Purchase), purchase.Id,
            new { purchase.MemberId, purchase.PurchasedAt, purchase.TotalMinor, Lines = purchase.Lines.Count });
        await db.SaveChangesAsync(cancellationToken);
        await RevenueBucket.AddAsync(db, purchase.PurchasedAt, purchase.TotalMinor, 1, cancellationToken);
        await db.Members.Where(m => m.Id == input.MemberId).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.PurchaseCount, m => m.PurchaseCount + 1)
            .SetProperty(m => m.TotalSpentMinor, m => m.TotalSpentMinor + purchase.TotalMinor)
            .SetProperty(m => m.LastPurchaseAt, m => m.LastPurchaseAt == null || m.LastPurchaseAt < purchase.PurchasedAt ? purchase.PurchasedAt : m.LastPurchaseAt),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        feed.Publish(new PurchaseEvent(PurchaseChange.Recorded, purchase.Id, purchase.MemberId, purchase.PurchasedAt, purchase.TotalMinor));
        return Result<RecordedPurchase>.Ok(new RecordedPurchase(purchase.Id, purchase.TotalMinor));
    }

    private FieldError? TimeError(DateTime? requested, bool isManager, DateTime now)
    {
        const string field = nameof(NewPurchase.PurchasedAt);
        if (requested is not { } at)
        {
            return null;
        }
        if (at > now)
        {
            return new FieldError(field, "The purchase time is in the future: use now or an earlier time.");
        }
        if (at < now && !isManager)
        {
            return new FieldError(field, "Only a manager can backdate a purchase: leave the time as now.");
        }
        var earliest = now.AddDays(-options.Value.PurchaseBackdatingDays);
        return at < earliest
            ? new FieldError(field, $"A purchase can be backdated by at most {options.Value.PurchaseBackdatingDays} days, to {clock.ToLocal(earliest).ToString("g", _culture)}: pick a later time.")
            : null;
    }

    private static Task<RecordedPurchase?> FindByKeyAsync(MemberCardsDb db, Guid key, CancellationToken cancellationToken) =>
        db.Purchases.Where(p => p.IdempotencyKey == key)
            .Select(p => new RecordedPurchase(p.Id, p.TotalMinor, true))
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>Marks a purchase void (it stays, struck through) and takes it out of the member's figures.</summary>
    public async Task<Result<int>> VoidAsync(int purchaseId, string reason, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var voidedBy = Access.Require(user, Roles.Manager);
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Result<int>.Refused("Reason", "Say why the purchase is voided.");
        }
        if (reason.Trim().Length > VoidReasonLength)
        {
            return Result<int>.Refused("Reason", $"Keep the reason to {VoidReasonLength} characters.");
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Begun before reading, so two managers voiding the same purchase at once can't both take it off the figures.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var purchase = await db.Purchases.SingleOrDefaultAsync(p => p.Id == purchaseId, cancellationToken);
        if (purchase is null)
        {
            return Result<int>.Refused("", "No purchase has this id.");
        }
        if (purchase.IsVoid)
        {
            return Result<int>.Refused("", $"This purchase was already voided by {purchase.VoidedBy}.");
        }

        purchase.VoidedAt = clock.UtcNow;
        purchase.VoidedBy = voidedBy;
        purchase.VoidReason = reason.Trim();
        AuditLog.Add(db, purchase.VoidedAt.Value, voidedBy, AuditActions.PurchaseVoided, nameof(Purchase), purchase.Id,
            new { purchase.MemberId, purchase.TotalMinor, Reason = purchase.VoidReason });
        await db.SaveChangesAsync(cancellationToken);
        await RevenueBucket.AddAsync(db, purchase.PurchasedAt, -purchase.TotalMinor, -1, cancellationToken);
        var lastPurchaseAt = await db.Purchases
            .Where(p => p.MemberId == purchase.MemberId && p.VoidedAt == null)
            .MaxAsync(p => (DateTime?)p.PurchasedAt, cancellationToken);
        await db.Members.Where(m => m.Id == purchase.MemberId).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.PurchaseCount, m => m.PurchaseCount - 1)
            .SetProperty(m => m.TotalSpentMinor, m => m.TotalSpentMinor - purchase.TotalMinor)
            .SetProperty(m => m.LastPurchaseAt, lastPurchaseAt),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        feed.Publish(new PurchaseEvent(PurchaseChange.Voided, purchase.Id, purchase.MemberId, purchase.PurchasedAt, purchase.TotalMinor));
        return Result<int>.Ok(purchase.Id);
    }
}
