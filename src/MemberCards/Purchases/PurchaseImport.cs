using System.Diagnostics;
using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Data;
using MemberCards.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MemberCards.Purchases;

public sealed record ImportedPurchase(int MemberId, DateTime PurchasedAt, string RecordedBy, IReadOnlyList<NewPurchaseLine> Lines);

/// <summary>
/// The bulk path for loading purchase history (demo data, moving from another system, the benchmark): each
/// purchase is priced by the same <see cref="Quote"/> and posted by the same steps as at the till, in batch form
/// (<see cref="PostingBatch"/>), all in one transaction; the first refused purchase refuses the whole load.
/// </summary>
public sealed partial class PurchaseImport(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock, PurchaseFeed feed, ILogger<PurchaseImport> logger)
{
    private const int LargeLoad = 20_000;

    /// <summary>Loads the purchases in a transaction of its own and tells the feed once.</summary>
    public async Task<Result<int>> LoadAsync(IReadOnlyCollection<ImportedPurchase> purchases, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        Access.Require(user, Roles.Manager);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        // The engine's own settings around a load (SQLite: no per-row foreign key lookups and a large page cache, put back
        // afterwards; PostgreSQL: fresh statistics after it).
        var dialect = SqlDialect.Of(db.Database);
        if (dialect.BeforeBulkLoad is { } before)
        {
            await db.Database.ExecuteSqlRawAsync(before, cancellationToken);
        }
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var loaded = await LoadAsync(db, purchases, user, cancellationToken);
            if (!loaded.Succeeded)
            {
                return Result<int>.Refused(loaded.Errors);
            }
            var started = Stopwatch.GetTimestamp();
            await transaction.CommitAsync(cancellationToken);
            LogCommitted(purchases.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            foreach (var change in loaded.Value!)
            {
                feed.Publish(change);
            }
            return Result<int>.Ok(purchases.Count);
        }
        finally
        {
            if (dialect.AfterBulkLoad is { } after)
            {
                await db.Database.ExecuteSqlRawAsync(after, CancellationToken.None);
            }
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
        var phase = Stopwatch.GetTimestamp();
        // New purchase ids are above every old one, so the lines' purchase index grows at its end; the time index does
        // too when the load comes in time order, as history usually does. Loaded purchases carry no idempotency key,
        // so its (filtered) index gets no entries at all.
        string[] inInsertOrder = IsInTimeOrder(purchases)
            ? ["PurchaseLines.PurchaseId", "Purchases.IdempotencyKey", "Purchases.PurchasedAt"]
            : ["PurchaseLines.PurchaseId", "Purchases.IdempotencyKey"];
        var droppedIndexes = purchases.Count >= LargeLoad && SqlDialect.Of(db.Database).RebuildsIndexesAfterBulkLoad ? SecondaryIndexes.Drop(connection, transaction, inInsertOrder, "Purchases", "PurchaseLines") : [];
        using (var batch = await PostingBatch.StartAsync(db, cancellationToken))
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
            var inserts = Stopwatch.GetElapsedTime(phase).TotalMilliseconds;
            phase = Stopwatch.GetTimestamp();
            SecondaryIndexes.Recreate(connection, transaction, droppedIndexes);
            var indexes = Stopwatch.GetElapsedTime(phase).TotalMilliseconds;
            phase = Stopwatch.GetTimestamp();
            var events = await batch.FinishAsync(loadedBy, clock.UtcNow, cancellationToken);
            LogLoaded(batch.Count, inserts, indexes, Stopwatch.GetElapsedTime(phase).TotalMilliseconds);
            return Result<IReadOnlyList<PurchaseEvent>>.Ok(events);
        }
    }

    private static bool IsInTimeOrder(IEnumerable<ImportedPurchase> purchases)
    {
        var previous = DateTime.MinValue;
        foreach (var purchase in purchases)
        {
            if (purchase.PurchasedAt < previous)
            {
                return false;
            }
            previous = purchase.PurchasedAt;
        }
        return true;
    }

    // Where a load's time goes, for whoever loads history (and the benchmark): the first thing to look at when it is slow.
    [LoggerMessage(LogLevel.Information, "Loaded {Purchases} purchases: quote and insert {InsertMs:F0} ms, index rebuild {IndexMs:F0} ms, figures and audit {FiguresMs:F0} ms")]
    private partial void LogLoaded(int purchases, double insertMs, double indexMs, double figuresMs);

    [LoggerMessage(LogLevel.Information, "Committed {Purchases} loaded purchases in {CommitMs:F0} ms")]
    private partial void LogCommitted(int purchases, double commitMs);
}
