using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Auditing;
using MemberCards.CardValue;
using MemberCards.Coupons;
using MemberCards.Data;
using MemberCards.Tiers;
using MemberCards.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MemberCards.Purchases;

/// <param name="PurchasedAt">When the customer bought (the figures follow it).</param>
/// <param name="RecordedAt">Now: when it was written (the audit entry's time).</param>
/// <param name="PointsExpireOn">The last day the points earned on it can be spent (the rule's, from the purchase's store date).</param>
public sealed record PostingDetails(DateTime PurchasedAt, DateTime RecordedAt, Guid? IdempotencyKey = null, DateOnly? PointsExpireOn = null);

/// <summary>What a posting or void wrote, and the events the caller publishes to the feed once its transaction commits.</summary>
public sealed record PostingOutcome(int PurchaseId, long TotalMinor, IReadOnlyList<PurchaseEvent> Events);

/// <summary>
/// Writes a quoted receipt and every effect it has — purchase, lines (list and net) and tenders, coupons redeemed, the card's ledger
/// entries (points redeemed, stored value spent, points earned), member figures, tier evaluation, revenue bucket,
/// product sales days, audit entry — inside the caller's transaction, and takes them all back out on a void, entry
/// by entry. The caller commits and then publishes the returned events, so a failed save tells nobody. Each checks
/// the user's role itself, whichever service calls it.
/// </summary>
public static class PurchasePosting
{
    public static async Task<PostingOutcome> PostAsync(MemberCardsDb db, PricedReceipt receipt, PostingDetails details, StoreClock clock, ClaimsPrincipal user, CancellationToken cancellationToken)
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
            PointsRedeemed = receipt.PointsRedeemed,
            PointsEarned = receipt.PointsEarned,
            Tenders = [.. (receipt.Tenders ?? []).Select(t => new PurchaseTender { Method = t.Method, Label = t.Label, AmountMinor = t.AmountMinor })],
            Lines = [.. receipt.Lines.Select(l => new PurchaseLine
            {
                ProductId = l.ProductId,
                ProductName = l.ProductName,
                Category = l.Category,
                UnitPriceMinor = l.UnitPriceMinor,
                Quantity = l.Quantity,
                NetMinor = l.NetMinor,
                MemberDiscountMinor = -l.AdjustedBy(QuoteStage.MemberPrice),
                CouponDiscountMinor = -l.AdjustedBy(QuoteStage.Coupon),
                PointsDiscountMinor = -l.AdjustedBy(QuoteStage.PointsAsCash),
            })],
        };
        db.Purchases.Add(purchase);
        await db.SaveChangesAsync(cancellationToken);
        await CouponRedemption.RedeemAsync(db, receipt, purchase.Id, details.RecordedAt, cancellationToken);
        await MoveCardAsync(db, receipt, purchase.Id, details, recordedBy, cancellationToken);
        AuditLog.Add(db, details.RecordedAt, recordedBy, AuditActions.PurchaseRecorded, nameof(Purchase), purchase.Id,
            new { purchase.MemberId, purchase.PurchasedAt, purchase.TotalMinor, Lines = purchase.Lines.Count, Coupons = receipt.Coupons.Select(c => c.CouponId).ToList() });
        WebhookOutbox.Add(db, WebhookEventNames.PurchaseRecorded, details.RecordedAt, purchase.MemberId, new
        {
            PurchaseId = purchase.Id,
            purchase.PurchasedAt,
            purchase.TotalMinor,
            purchase.PointsEarned,
            purchase.PointsRedeemed,
            Tenders = purchase.Tenders.Select(t => new { Method = t.Method.ToString(), t.AmountMinor }).ToList(),
            CouponIds = receipt.Coupons.Select(c => c.CouponId).ToList(),
        });
        await db.SaveChangesAsync(cancellationToken);

        var changes = new FigureChanges();
        changes.Add(Facts(purchase), 1);
        changes.Write(db.Database.GetDbConnection(), transaction);
        var tier = await TierEvaluation.AfterSpendAsync(db, clock, purchase.MemberId, new TierCause(details.RecordedAt, recordedBy, PurchaseId: purchase.Id), cancellationToken);
        if (tier is { Kind: TierChangeKind.Upgraded })
        {
            await CouponTriggers.AfterUpgradeAsync(db, purchase.MemberId, tier.FromTierId, tier.To.TierId, details.RecordedAt, clock.Today, recordedBy, cancellationToken);
        }
        return new PostingOutcome(purchase.Id, purchase.TotalMinor,
            [new PurchaseEvent(PurchaseChange.Recorded, purchase.Id, purchase.MemberId, purchase.PurchasedAt, purchase.TotalMinor)]);
    }

    /// <summary>
    /// Marks the purchase void and reverses each effect of its posting. The mark is a conditional update (only
    /// while it is not void): of two voids at once, on any database, exactly one changes the row and moves the
    /// figures; the other is refused.
    /// </summary>
    public static async Task<Result<PostingOutcome>> VoidAsync(MemberCardsDb db, int purchaseId, string reason, StoreClock clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var voidedBy = Access.Require(user, Roles.Manager);
        ArgumentNullException.ThrowIfNull(clock);
        var (now, today) = (clock.UtcNow, clock.Today);
        var transaction = RequireTransaction(db);
        var entries = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.PurchaseId == purchaseId && e.ReversesEntryId == null)
            .OrderBy(e => e.Id)
            .ToListAsync(cancellationToken);
        // Stored value given back to a closed card would be money nobody can spend or cash out.
        if (entries.Any(e => e.Kind == LedgerKind.Spend)
            && await db.Purchases.AnyAsync(p => p.Id == purchaseId && p.VoidedAt == null && p.Member!.Status == Members.MemberStatus.Closed, cancellationToken))
        {
            return Result<PostingOutcome>.Refused("", MessageCode.PurchaseVoidCardClosed);
        }
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
        // A void recomputes the member's last purchase from the purchases its statement sees; two voids of one
        // member's purchases at once would each miss the other's (PostgreSQL reads at READ COMMITTED). Locking the
        // member row first makes the second wait for the first to commit, and its recompute then sees that void too.
        await CardAccount.LockAsync(db, purchase.MemberId, cancellationToken);
        await CouponRedemption.ReturnAsync(db, purchaseId, today, now, voidedBy, cancellationToken);
        if (entries.Count > 0)
        {
            await ReverseCardAsync(db, purchase.MemberId, entries, new EntryDetails(now, voidedBy, purchaseId, Reason: reason), today, cancellationToken);
        }
        AuditLog.Add(db, now, voidedBy, AuditActions.PurchaseVoided, nameof(Purchase), purchaseId,
            new { purchase.MemberId, purchase.TotalMinor, Reason = reason });
        WebhookOutbox.Add(db, WebhookEventNames.PurchaseVoided, now, purchase.MemberId, new { PurchaseId = purchaseId, purchase.PurchasedAt, purchase.TotalMinor, VoidedAt = now });
        await db.SaveChangesAsync(cancellationToken);

        var changes = new FigureChanges();
        changes.Add(purchase, -1);
        changes.Write(db.Database.GetDbConnection(), transaction);
        await TierEvaluation.AfterVoidAsync(db, clock, purchase.MemberId, new TierCause(now, voidedBy, PurchaseId: purchaseId), cancellationToken);
        return Result<PostingOutcome>.Ok(new PostingOutcome(purchaseId, purchase.TotalMinor,
            [new PurchaseEvent(PurchaseChange.Voided, purchaseId, purchase.MemberId, purchase.PurchasedAt, purchase.TotalMinor)]));
    }

    /// <summary>The card's side of a receipt, from the balances it was priced on.</summary>
    private static async Task MoveCardAsync(MemberCardsDb db, PricedReceipt receipt, int purchaseId, PostingDetails details, string by, CancellationToken cancellationToken)
    {
        if (receipt.PointsRedeemed == 0 && receipt.FromCard.TotalMinor == 0 && receipt.PointsEarned == 0)
        {
            return;
        }
        var account = CardAccount.For(db, receipt.MemberId!.Value, receipt.Card);
        await account.PostReceiptAsync(receipt, new EntryDetails(details.RecordedAt, by, purchaseId), details.PointsExpireOn, cancellationToken);
        await account.SaveAsync(cancellationToken);
    }

    /// <summary>Takes back each of the purchase's ledger entries with an entry of its own: the exact split spent, the points earned, the points redeemed.</summary>
    private static async Task ReverseCardAsync(MemberCardsDb db, int memberId, IReadOnlyList<LedgerEntry> entries, EntryDetails details, DateOnly today, CancellationToken cancellationToken)
    {
        var account = await CardAccount.LoadAsync(db, memberId, cancellationToken)
            ?? throw new InvalidOperationException($"Member {memberId} of a purchase is missing.");
        foreach (var entry in entries)
        {
            switch (entry.Kind)
            {
                case LedgerKind.Spend:
                    account.MoveStoredValue(LedgerKind.VoidReversal, -entry.PrincipalDeltaMinor, -entry.BonusDeltaMinor, details with { Reverses = entry.Id });
                    break;
                case LedgerKind.Redeem:
                    await account.GiveBackRedeemedAsync(entry, today, details, cancellationToken);
                    break;
                case LedgerKind.Earn:
                    await account.TakeBackEarnedAsync(entry, details, cancellationToken);
                    break;
                default:
                    throw new InvalidOperationException($"A purchase has a {entry.Kind} entry ({entry.Id}), which no posting writes.");
            }
        }
        await account.SaveAsync(cancellationToken);
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
