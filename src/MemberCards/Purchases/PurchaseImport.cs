using System.Diagnostics;
using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.CardValue;
using MemberCards.Data;
using MemberCards.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MemberCards.Purchases;

public sealed record ImportedPurchase(int MemberId, DateTime PurchasedAt, string RecordedBy, IReadOnlyList<NewPurchaseLine> Lines);

public sealed record ImportedTopUp(int MemberId, DateTime At, long AmountMinor, PaymentMethod Method, string RecordedBy);

/// <summary>
/// How a loaded purchase was paid: given its basket and a way to price a basket on the member's card as the load
/// has moved it so far, the basket to post (tenders, points redeemed) — chosen from the quote, as at the till.
/// </summary>
public delegate Basket ChoosePayment(Basket basket, Func<Basket, PricedReceipt> price);

/// <summary>Card activity loaded with purchase history: top-ups, placed among the purchases by time, and how each purchase was paid.</summary>
public sealed record CardHistory(IReadOnlyList<ImportedTopUp> TopUps, ChoosePayment Pay);

/// <summary>
/// The bulk path for loading purchase history (demo data, moving from another system, the benchmark): each
/// purchase is priced by the same <see cref="Quote"/> under the store's points rule, on the member's card as the
/// load has moved it, and posted by the same steps as at the till, in batch form (<see cref="PostingBatch"/>); top-ups
/// get the bonus of the rule met on their day; points past their last day are expired before the member's next move,
/// as the daily job would have. All in one transaction; the first refused purchase refuses the whole
/// load. History is facts: a loaded top-up is not held to today's card cap, as a loaded purchase is not to today's catalog.
/// </summary>
public sealed partial class PurchaseImport(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock, PurchaseFeed feed, ILogger<PurchaseImport> logger)
{
    private const int LargeLoad = 20_000;

    /// <summary>Loads the purchases in a transaction of its own and tells the feed once.</summary>
    public async Task<Result<int>> LoadAsync(IReadOnlyCollection<ImportedPurchase> purchases, ClaimsPrincipal user, CancellationToken cancellationToken, CardHistory? cards = null)
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
            var loaded = await LoadAsync(db, purchases, user, cancellationToken, cards);
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
    public async Task<Result<IReadOnlyList<PurchaseEvent>>> LoadAsync(MemberCardsDb db, IReadOnlyCollection<ImportedPurchase> purchases, ClaimsPrincipal user, CancellationToken cancellationToken,
        CardHistory? cards = null)
    {
        var loadedBy = Access.Require(user, Roles.Manager);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(purchases);
        var transaction = PurchasePosting.RequireTransaction(db);
        var products = await db.Products.AsNoTracking().ToDictionaryAsync(p => p.Id, cancellationToken);
        var members = await db.Members.Select(m => new { m.Id, m.Status }).ToDictionaryAsync(m => m.Id, m => (MemberStatus?)m.Status, cancellationToken);
        var pointsRule = await db.PointsRules.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        var topUpRules = await db.TopUpRules.AsNoTracking().ToListAsync(cancellationToken);
        var topUps = cards is null ? [] : cards.TopUps.OrderBy(t => t.At).ToList();
        var connection = db.Database.GetDbConnection();
        var phase = Stopwatch.GetTimestamp();
        // New ids are above every old one, so indexes led by them (a line's purchase, a lot's entry) grow at their end;
        // time indexes do too when the load comes in time order, as history usually does. Loaded purchases and
        // top-ups carry no idempotency key, so those (filtered) indexes get no entries at all.
        string[] inInsertOrder = ["PurchaseLines.PurchaseId", "Purchases.IdempotencyKey", "TopUps.IdempotencyKey", "PurchaseTenders.PurchaseId", "LedgerEntries.PurchaseId",
            "LedgerEntries.TopUpId", "PointsLots.EntryId", "PointsLotUses.EntryId", .. IsInTimeOrder(purchases) ? ["Purchases.PurchasedAt", "LedgerEntries.At"] : Array.Empty<string>()];
        var droppedIndexes = purchases.Count >= LargeLoad && SqlDialect.Of(db.Database).RebuildsIndexesAfterBulkLoad
            ? SecondaryIndexes.Drop(connection, transaction, inInsertOrder, "Purchases", "PurchaseLines", "PurchaseTenders", "TopUps", "LedgerEntries", "PointsLots", "PointsLotUses")
            : [];
        using (var batch = await PostingBatch.StartAsync(db, cancellationToken))
        {
            var nextTopUp = 0;
            foreach (var purchase in purchases)
            {
                for (; nextTopUp < topUps.Count && topUps[nextTopUp].At <= purchase.PurchasedAt; nextTopUp++)
                {
                    if (await AddTopUpAsync(batch, topUps[nextTopUp], loadedBy, members, topUpRules, pointsRule, cancellationToken) is { } refused)
                    {
                        return Result<IReadOnlyList<PurchaseEvent>>.Refused(refused.Field, MessageCode.InTopUp, nextTopUp + 1, refused);
                    }
                }
                var status = members.GetValueOrDefault(purchase.MemberId);
                var card = await batch.CardOnAsync(purchase.MemberId, StoreDay(purchase.PurchasedAt), purchase.PurchasedAt, loadedBy, cancellationToken);
                PricedReceipt Price(Basket basket) => Quote.Price(basket, new QuoteContext(status, products, QuoteRules.History, card, pointsRule));
                var unpaid = new Basket(purchase.MemberId, purchase.Lines);
                var receipt = Price(cards is null || status is null ? unpaid : cards.Pay(unpaid, Price));
                if (!receipt.CanPost)
                {
                    var refusal = receipt.Refusals[0];
                    return Result<IReadOnlyList<PurchaseEvent>>.Refused(refusal.Field, MessageCode.InPurchase, batch.Count + 1, refusal);
                }
                await batch.AddAsync(receipt, purchase.PurchasedAt, purchase.RecordedBy, PointsExpireOn(pointsRule, purchase.PurchasedAt), cancellationToken);
            }
            for (; nextTopUp < topUps.Count; nextTopUp++)
            {
                if (await AddTopUpAsync(batch, topUps[nextTopUp], loadedBy, members, topUpRules, pointsRule, cancellationToken) is { } refused)
                {
                    return Result<IReadOnlyList<PurchaseEvent>>.Refused(refused.Field, MessageCode.InTopUp, nextTopUp + 1, refused);
                }
            }
            batch.WriteHeldRows();
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

    /// <summary>A loaded top-up gets the bonus of the rule met on its store day (no stacking), as at the till; null when it was written.</summary>
    private async Task<FieldError?> AddTopUpAsync(PostingBatch batch, ImportedTopUp topUp, string loadedBy, Dictionary<int, MemberStatus?> members, List<TopUpRule> rules, PointsRule? pointsRule,
        CancellationToken cancellationToken)
    {
        if (!members.ContainsKey(topUp.MemberId))
        {
            return FieldError.Of(MessageCode.MemberNotFound);
        }
        if (topUp.AmountMinor <= 0)
        {
            return new FieldError(nameof(ImportedTopUp.AmountMinor), MessageCode.TopUpAmountNotPositive);
        }
        var day = StoreDay(topUp.At);
        var rule = TopUpRule.Best(rules, topUp.AmountMinor, day);
        var card = await batch.CardOnAsync(topUp.MemberId, day, topUp.At, loadedBy, cancellationToken);
        var quote = new TopUpQuote(topUp.AmountMinor, rule?.BonusFor(topUp.AmountMinor) ?? 0, rule?.BonusPoints ?? 0, rule, card, []);
        await batch.AddTopUpAsync(new NewTopUp(topUp.MemberId, topUp.AmountMinor, topUp.Method), quote, topUp.At, PointsExpireOn(pointsRule, topUp.At), topUp.RecordedBy, cancellationToken);
        return null;
    }

    /// <summary>The last day points earned at <paramref name="at"/> can be spent: the rule's, from the store's date then.</summary>
    private DateOnly? PointsExpireOn(PointsRule? rule, DateTime at) => rule?.ExpiresOn(StoreDay(at));

    private DateOnly StoreDay(DateTime at) => DateOnly.FromDateTime(clock.ToLocal(at));

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
