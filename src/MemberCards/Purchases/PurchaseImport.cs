using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Data;
using MemberCards.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Purchases;

public sealed record ImportedPurchase(int MemberId, DateTime PurchasedAt, string RecordedBy, IReadOnlyList<NewPurchaseLine> Lines);

/// <summary>
/// The bulk path for loading purchase history (demo data, moving from another system, the benchmark): each
/// purchase is priced by the same <see cref="Quote"/> and posted by the same steps as at the till, in batch form
/// (<see cref="PostingBatch"/>), all in one transaction; the first refused purchase refuses the whole load.
/// </summary>
public sealed class PurchaseImport(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock, PurchaseFeed feed)
{
    private const int LargeLoad = 20_000;

    /// <summary>Loads the purchases in a transaction of its own and tells the feed once.</summary>
    public async Task<Result<int>> LoadAsync(IReadOnlyCollection<ImportedPurchase> purchases, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        Access.Require(user, Roles.Manager);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        // Every member and product id is checked by the quote, and purchase ids are handed out by the batch, so
        // SQLite's per-row foreign key lookups only repeat those checks; skipping them makes the load a third
        // faster. (The pragma does nothing inside a transaction, hence before it.) A large page cache lets the
        // index rebuilds sort in memory. Both are put back afterwards.
        await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = OFF; PRAGMA cache_size = -262144;", cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var loaded = await LoadAsync(db, purchases, user, cancellationToken);
            if (!loaded.Succeeded)
            {
                return Result<int>.Refused(loaded.Errors);
            }
            await transaction.CommitAsync(cancellationToken);
            foreach (var change in loaded.Value!)
            {
                feed.Publish(change);
            }
            return Result<int>.Ok(purchases.Count);
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = ON; PRAGMA cache_size = -2000;", CancellationToken.None);
        }
    }

    /// <summary>
    /// Loads the purchases inside the caller's transaction (demo data fills everything in one); returns the events
    /// for the caller to publish after it commits. On a refusal the caller rolls back: rows may have been written.
    /// </summary>
    public async Task<Result<IReadOnlyList<PurchaseEvent>>> LoadAsync(MemberCardsDb db, IReadOnlyCollection<ImportedPurchase> purchases, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var loadedBy = Access.Require(user, Roles.Manager);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(purchases);
        var transaction = PurchasePosting.RequireTransaction(db);
        var products = await db.Products.AsNoTracking().ToDictionaryAsync(p => p.Id, cancellationToken);
        var members = await db.Members.Select(m => new { m.Id, m.Status }).ToDictionaryAsync(m => m.Id, m => (MemberStatus?)m.Status, cancellationToken);
        var connection = db.Database.GetDbConnection();
        var droppedIndexes = purchases.Count >= LargeLoad ? SecondaryIndexes.Drop(connection, transaction, "Purchases", "PurchaseLines") : [];
        await using (var batch = await PostingBatch.StartAsync(db, cancellationToken))
        {
            foreach (var purchase in purchases)
            {
                var basket = new Basket(purchase.MemberId, purchase.Lines);
                var receipt = Quote.Price(basket, new QuoteContext(members.GetValueOrDefault(purchase.MemberId), products, QuoteRules.History));
                if (!receipt.CanPost)
                {
                    var refusal = receipt.Refusals[0];
                    return Result<IReadOnlyList<PurchaseEvent>>.Refused(refusal.Field, MessageCode.InPurchase, batch.Count + 1, refusal);
                }
                batch.Add(receipt, purchase.PurchasedAt, purchase.RecordedBy);
            }
            SecondaryIndexes.Recreate(connection, transaction, droppedIndexes);
            return Result<IReadOnlyList<PurchaseEvent>>.Ok(await batch.FinishAsync(loadedBy, clock.UtcNow, cancellationToken));
        }
    }
}
