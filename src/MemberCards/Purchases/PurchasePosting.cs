using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Auditing;
using MemberCards.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MemberCards.Purchases;

/// <param name="PurchasedAt">When the customer bought (the figures follow it).</param>
/// <param name="RecordedAt">Now: when it was written (the audit entry's time).</param>
public sealed record PostingDetails(DateTime PurchasedAt, DateTime RecordedAt, Guid? IdempotencyKey = null);

/// <summary>What a posting or void wrote, and the events the caller publishes to the feed once its transaction commits.</summary>
public sealed record PostingOutcome(int PurchaseId, long TotalMinor, IReadOnlyList<PurchaseEvent> Events);

/// <summary>
/// Writes a quoted receipt and every effect it has — purchase and lines (list and net), member figures, revenue
/// bucket, product sales days, audit entry — inside the caller's transaction, and takes them all back out on a
/// void. The caller commits and then publishes the returned events, so a failed save tells nobody. Each checks
/// the user's role itself, whichever service calls it.
/// </summary>
public static class PurchasePosting
{
    public static async Task<PostingOutcome> PostAsync(MemberCardsDb db, PricedReceipt receipt, PostingDetails details, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var recordedBy = Access.Require(user, Roles.RecordPurchases);
        var transaction = RequireTransaction(db);
        ArgumentNullException.ThrowIfNull(receipt);
        ArgumentNullException.ThrowIfNull(details);
        if (!receipt.CanPost)
        {
            throw new ArgumentException("A receipt with refusals cannot be posted: show the refusals instead.", nameof(receipt));
        }
        var purchase = new Purchase
        {
            MemberId = receipt.MemberId!.Value,
            PurchasedAt = details.PurchasedAt,
            RecordedBy = recordedBy,
            IdempotencyKey = details.IdempotencyKey,
            TotalMinor = receipt.AmountDueMinor,
            Lines = [.. receipt.Lines.Select(l => new PurchaseLine
            {
                ProductId = l.ProductId,
                ProductName = l.ProductName,
                Category = l.Category,
                UnitPriceMinor = l.UnitPriceMinor,
                Quantity = l.Quantity,
                NetMinor = l.NetMinor,
            })],
        };
        db.Purchases.Add(purchase);
        await db.SaveChangesAsync(cancellationToken);
        AuditLog.Add(db, details.RecordedAt, recordedBy, AuditActions.PurchaseRecorded, nameof(Purchase), purchase.Id,
            new { purchase.MemberId, purchase.PurchasedAt, purchase.TotalMinor, Lines = purchase.Lines.Count });
        await db.SaveChangesAsync(cancellationToken);

        var changes = new FigureChanges();
        changes.Add(Facts(purchase), 1);
        changes.Write(db.Database.GetDbConnection(), transaction);
        return new PostingOutcome(purchase.Id, purchase.TotalMinor,
            [new PurchaseEvent(PurchaseChange.Recorded, purchase.Id, purchase.MemberId, purchase.PurchasedAt, purchase.TotalMinor)]);
    }

    /// <summary>
    /// Marks the purchase void and reverses each effect of its posting. The mark is a conditional update (only
    /// while it is not void): of two voids at once, on any database, exactly one changes the row and moves the
    /// figures; the other is refused.
    /// </summary>
    public static async Task<Result<PostingOutcome>> VoidAsync(MemberCardsDb db, int purchaseId, string reason, DateTime now, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var voidedBy = Access.Require(user, Roles.Manager);
        var transaction = RequireTransaction(db);
        var marked = await db.Purchases
            .Where(p => p.Id == purchaseId && p.VoidedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.VoidedAt, now).SetProperty(p => p.VoidedBy, voidedBy).SetProperty(p => p.VoidReason, reason), cancellationToken);
        if (marked == 0)
        {
            var earlier = await db.Purchases.Where(p => p.Id == purchaseId).Select(p => new { p.VoidedBy }).SingleOrDefaultAsync(cancellationToken);
            return earlier is null
                ? Result<PostingOutcome>.Refused("", MessageCode.PurchaseNotFound)
                : Result<PostingOutcome>.Refused("", MessageCode.PurchaseAlreadyVoided, earlier.VoidedBy);
        }
        var purchase = await db.Purchases.AsNoTracking()
            .Where(p => p.Id == purchaseId)
            .Select(p => new PurchaseFacts(p.MemberId, p.PurchasedAt, p.TotalMinor,
                p.Lines.Select(l => new LineFacts(l.ProductId, l.Category, l.Quantity, l.NetMinor)).ToList()))
            .SingleAsync(cancellationToken);
        await LockMemberAsync(db, purchase.MemberId, cancellationToken);
        AuditLog.Add(db, now, voidedBy, AuditActions.PurchaseVoided, nameof(Purchase), purchaseId,
            new { purchase.MemberId, purchase.TotalMinor, Reason = reason });
        await db.SaveChangesAsync(cancellationToken);

        var changes = new FigureChanges();
        changes.Add(purchase, -1);
        changes.Write(db.Database.GetDbConnection(), transaction);
        return Result<PostingOutcome>.Ok(new PostingOutcome(purchaseId, purchase.TotalMinor,
            [new PurchaseEvent(PurchaseChange.Voided, purchaseId, purchase.MemberId, purchase.PurchasedAt, purchase.TotalMinor)]));
    }

    /// <summary>
    /// A void recomputes the member's last purchase from the purchases its statement sees; two voids of one member's
    /// purchases at once would each miss the other's (PostgreSQL reads at READ COMMITTED). Locking the member row
    /// first makes the second wait for the first to commit, and its recompute then sees that void too.
    /// </summary>
    private static async Task LockMemberAsync(MemberCardsDb db, int memberId, CancellationToken cancellationToken)
    {
        if (SqlDialect.Of(db.Database).LockRowById("Members") is { } lockMember)
        {
            await db.Database.ExecuteSqlRawAsync(lockMember, [memberId], cancellationToken);
        }
    }

    private static PurchaseFacts Facts(Purchase purchase)
    {
        ArgumentNullException.ThrowIfNull(purchase);
        return new PurchaseFacts(purchase.MemberId, purchase.PurchasedAt, purchase.TotalMinor,
            [.. purchase.Lines.Select(l => new LineFacts(l.ProductId, l.Category, l.Quantity, l.NetMinor))]);
    }

    /// <summary>Postings never commit by themselves: every effect must share the caller's fate.</summary>
    internal static System.Data.Common.DbTransaction RequireTransaction(MemberCardsDb db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Begin a transaction before posting: a posting writes several rows that must commit together.");
    }
}
