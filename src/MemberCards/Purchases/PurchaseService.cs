using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Auditing;
using MemberCards.Data;
using MemberCards.Members;
using MemberCards.Products;
using MemberCards.Reports;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Purchases;

public sealed record NewPurchaseLine(int ProductId, int Quantity, long? UnitPriceMinor = null);

public sealed record NewPurchase(int MemberId, IReadOnlyList<NewPurchaseLine> Lines, DateTime? PurchasedAt = null);

public sealed record RecordedPurchase(int PurchaseId, long TotalMinor);

public sealed class PurchaseService(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock, PurchaseFeed feed)
{
    /// <summary>Records one receipt and moves the member's figures with it, in one transaction.</summary>
    public async Task<Result<RecordedPurchase>> RecordAsync(NewPurchase input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var recordedBy = Access.Require(user, Roles.RecordPurchases);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Begun before the checks (SQLite: BEGIN IMMEDIATE), so a card frozen meanwhile can't slip through.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var member = await db.Members.AsNoTracking()
            .Where(m => m.Id == input.MemberId)
            .Select(m => new { m.Status })
            .SingleOrDefaultAsync(cancellationToken);
        if (member is null)
        {
            return Result<RecordedPurchase>.Refused(nameof(NewPurchase.MemberId), "No member has this id.");
        }
        if (member.Status != MemberStatus.Active)
        {
            return Result<RecordedPurchase>.Refused(nameof(NewPurchase.MemberId),
                $"The card is {member.Status.ToString().ToLowerInvariant()}: unfreeze or reissue it before recording purchases.");
        }

        var productIds = input.Lines.Select(l => l.ProductId).Distinct().ToList();
        var products = await db.Products.AsNoTracking()
            .Where(p => productIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        var built = PurchaseRules.BuildLines(input.Lines, products, requireActive: true);
        if (!built.Succeeded)
        {
            return Result<RecordedPurchase>.Refused(built.Errors);
        }

        var purchase = new Purchase
        {
            MemberId = input.MemberId,
            PurchasedAt = input.PurchasedAt ?? clock.UtcNow,
            RecordedBy = recordedBy,
            Lines = [.. built.Value!],
            TotalMinor = built.Value!.Sum(l => l.UnitPriceMinor * l.Quantity),
        };

        db.Purchases.Add(purchase);
        await db.SaveChangesAsync(cancellationToken);
        AuditLog.Add(db, clock.UtcNow, recordedBy, AuditActions.PurchaseRecorded, nameof(Purchase), purchase.Id,
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

    /// <summary>Every purchase, newest first, voids included (the page strikes them through).</summary>
    public async Task<PurchaseListPage> ListAsync(int page, int pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.RequireSignedIn(user);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var total = await db.Purchases.CountAsync(cancellationToken);
        var rows = await db.Purchases.AsNoTracking()
            .OrderByDescending(p => p.PurchasedAt).ThenByDescending(p => p.Id)
            .Skip(page * pageSize)
            .Take(pageSize)
            .Select(p => new PurchaseRow(p.Id, p.PurchasedAt, p.MemberId, p.Member!.Name, p.Member.CardNumber,
                p.Lines.Sum(l => l.Quantity), p.TotalMinor, p.RecordedBy, p.VoidedAt != null, p.VoidReason))
            .ToListAsync(cancellationToken);
        return new PurchaseListPage(rows, total);
    }

    /// <summary>Marks a purchase void (it stays, struck through) and takes it out of the member's figures.</summary>
    public async Task<Result<int>> VoidAsync(int purchaseId, string reason, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var voidedBy = Access.Require(user, Roles.Manager);
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Result<int>.Refused("Reason", "Say why the purchase is voided.");
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
