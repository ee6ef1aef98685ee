using MemberCards.Auditing;
using MemberCards.CardValue;
using MemberCards.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Purchases;

/// <summary>
/// The bulk form of <see cref="PurchasePosting.PostAsync"/> and of a top-up: the same quoted receipts, the same
/// <see cref="FigureChanges"/> and the same card moves (<see cref="CardAccount.PostReceiptAsync"/>,
/// <see cref="CardAccount.TopUpAsync"/>) on accounts held in memory for the whole load, but every row goes through
/// <see cref="BulkRows"/> (prepared inserts on SQLite, binary COPY on PostgreSQL) with ids handed out here; figures
/// and card balances are written once per member, bucket and product day at the end, and the whole load gets one
/// audit entry and one feed event. EF Core's change tracker manages about a tenth of the rows per second.
/// </summary>
public sealed class PostingBatch : IDisposable
{
    // Rows refer to rows of other tables: every so many purchases, those held are written, referred-to tables first.
    private const int FlushEvery = 10_000;

    private readonly MemberCardsDb _db;
    private readonly BulkRows _topUps;
    private readonly BulkRows _purchases;
    private readonly BulkRows _lines;
    private readonly BulkRows _tenders;
    private readonly BulkRows _entries;
    private readonly FigureChanges _changes = new();
    private readonly CardsRead _cardsRead;
    private readonly Dictionary<int, CardAccount> _cards = [];

    // A lot's remaining points are final only at the end of the load: lots and the uses that refer to them wait until then.
    private readonly List<PointsLot> _newLots = [];
    private readonly List<PointsLotUse> _lotUses = [];
    private readonly LastIds _ids;
    private int _count;
    private int _topUpCount;
    private long _totalMinor;
    private DateTime _latest = DateTime.MinValue;

    private PostingBatch(MemberCardsDb db, LastIds ids, CardsRead cardsRead)
    {
        _db = db;
        _ids = ids;
        _cardsRead = cardsRead;
        var transaction = PurchasePosting.RequireTransaction(db);
        var connection = db.Database.GetDbConnection();
        var dialect = SqlDialect.Of(db.Database);
        _topUps = dialect.BulkRows(connection, transaction, "TopUps", PostingSql.TopUpColumns);
        _purchases = dialect.BulkRows(connection, transaction, "Purchases", PostingSql.PurchaseColumns);
        _lines = dialect.BulkRows(connection, transaction, "PurchaseLines", PostingSql.LineColumns);
        _tenders = dialect.BulkRows(connection, transaction, "PurchaseTenders", PostingSql.TenderColumns);
        _entries = dialect.BulkRows(connection, transaction, "LedgerEntries", PostingSql.LedgerColumns);
    }

    /// <summary>
    /// Starts a batch in the caller's transaction. Ids are handed out here, so rows that refer to others need no
    /// round trip; every member's card balances and open lots are read once, and the caller's transaction keeps them.
    /// </summary>
    public static async Task<PostingBatch> StartAsync(MemberCardsDb db, CancellationToken cancellationToken)
    {
        PurchasePosting.RequireTransaction(db);
        var ids = new LastIds
        {
            Purchase = await db.Purchases.MaxAsync(p => (int?)p.Id, cancellationToken) ?? 0,
            TopUp = await db.TopUps.MaxAsync(t => (int?)t.Id, cancellationToken) ?? 0,
            Entry = await db.LedgerEntries.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0,
            Lot = await db.PointsLots.MaxAsync(l => (long?)l.Id, cancellationToken) ?? 0,
        };
        var balances = await db.Members.Select(m => new { m.Id, Card = new CardBalances(m.PrincipalMinor, m.BonusMinor, m.Points) })
            .ToDictionaryAsync(m => m.Id, m => m.Card, cancellationToken);
        var openLots = (await db.PointsLots.AsNoTracking().Where(l => l.RemainingPoints > 0).ToListAsync(cancellationToken)).ToLookup(l => l.MemberId);
        return new PostingBatch(db, ids, new CardsRead(balances, openLots, openLots.SelectMany(g => g).ToDictionary(l => l.Id, l => l.RemainingPoints)));
    }

    public int Count => _count;

    /// <summary>
    /// The member's card as the load has moved it by <paramref name="at"/> (store day <paramref name="day"/>): what
    /// their next receipt or top-up is priced on. Points whose last day is before <paramref name="day"/> are expired
    /// first, in one entry at <paramref name="at"/> by <paramref name="loadedBy"/>, as the daily job (<see cref="PointsExpiry"/>)
    /// would have by then.
    /// </summary>
    public async Task<CardBalances> CardOnAsync(int memberId, DateOnly day, DateTime at, string loadedBy, CancellationToken cancellationToken)
    {
        if (!_cards.TryGetValue(memberId, out var account) && !_cardsRead.OpenLots.Contains(memberId))
        {
            return _cardsRead.Balances.GetValueOrDefault(memberId);
        }
        account ??= Account(memberId, _cardsRead.Balances.GetValueOrDefault(memberId));
        if (await account.ExpireAsync(day, new EntryDetails(at, loadedBy), cancellationToken) is not null)
        {
            Hold(account.TakeWrites());
        }
        return account.Now;
    }

    /// <summary>Writes a quoted top-up (principal, bonus, the rule's points), as <see cref="TopUpService"/> does one at the till.</summary>
    public async Task<int> AddTopUpAsync(NewTopUp input, TopUpQuote quote, DateTime at, DateOnly? pointsExpireOn, string recordedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(quote);
        var account = Account(input.MemberId, quote.Before);
        var id = ++_ids.TopUp;
        _topUps.Add(id, input.MemberId, UnixMilliseconds.From(at), quote.AmountMinor, quote.BonusMinor, quote.BonusPoints,
            input.Method.ToString(), input.Method == PaymentMethod.Other ? input.MethodLabel?.Trim() : null, quote.Rule?.Id, recordedBy);
        await account.TopUpAsync(quote, new EntryDetails(at, recordedBy, TopUpId: id), pointsExpireOn, cancellationToken);
        Hold(account.TakeWrites());
        _topUpCount++;
        return id;
    }

    /// <summary>Writes the purchase, its lines and tenders and its card entries now; its figures are written by <see cref="FinishAsync"/>.</summary>
    public async Task<int> AddAsync(PricedReceipt receipt, DateTime purchasedAt, string recordedBy, DateOnly? pointsExpireOn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        if (!receipt.CanPost)
        {
            throw new ArgumentException("A receipt with refusals cannot be posted.", nameof(receipt));
        }
        var id = ++_ids.Purchase;
        var memberId = receipt.MemberId!.Value;
        var total = receipt.AmountDueMinor;
        _purchases.Add(id, memberId, UnixMilliseconds.From(purchasedAt), recordedBy, total, receipt.PointsRedeemed, receipt.PointsEarned);
        var lines = new LineFacts[receipt.Lines.Count];
        for (var i = 0; i < lines.Length; i++)
        {
            var line = receipt.Lines[i];
            var net = line.NetMinor;
            _lines.Add(id, line.ProductId, line.ProductName, line.Category, line.UnitPriceMinor, line.Quantity, net, -line.AdjustedBy(QuoteStage.PointsAsCash));
            lines[i] = new LineFacts(line.ProductId, line.Category, line.Quantity, net);
        }
        foreach (var tender in receipt.Tenders ?? [])
        {
            _tenders.Add(id, tender.Method.ToString(), tender.Label, tender.AmountMinor);
        }
        if (receipt.PointsRedeemed > 0 || receipt.FromCard.TotalMinor > 0 || receipt.PointsEarned > 0)
        {
            var account = Account(memberId, receipt.Card);
            await account.PostReceiptAsync(receipt, new EntryDetails(purchasedAt, recordedBy, id), pointsExpireOn, cancellationToken);
            Hold(account.TakeWrites());
        }
        _changes.Add(new PurchaseFacts(memberId, purchasedAt, total, lines), 1);
        _count++;
        _totalMinor += total;
        if (purchasedAt > _latest)
        {
            _latest = purchasedAt;
        }
        if (_count % FlushEvery == 0)
        {
            Flush();
        }
        return id;
    }

    /// <summary>
    /// Writes every row still held, the points lots and their uses last (their remaining points are final only
    /// now). Call once, after the last top-up and purchase, before indexes are rebuilt.
    /// </summary>
    public void WriteHeldRows()
    {
        Flush();
        var dialect = SqlDialect.Of(_db.Database);
        var (connection, transaction) = (_db.Database.GetDbConnection(), PurchasePosting.RequireTransaction(_db));
        using (var lots = dialect.BulkRows(connection, transaction, "PointsLots", PostingSql.LotColumns))
        {
            foreach (var lot in _newLots)
            {
                lots.Add(lot.Id, lot.MemberId, lot.EntryId, UnixMilliseconds.From(lot.EarnedAt), lot.ExpiresOn, lot.EarnedPoints, lot.RemainingPoints);
            }
            lots.Flush();
        }
        using (var uses = dialect.BulkRows(connection, transaction, "PointsLotUses", PostingSql.LotUseColumns))
        {
            foreach (var use in _lotUses)
            {
                uses.Add(use.EntryId, use.LotId, use.Points);
            }
            uses.Flush();
        }
        StagedChanges.Apply(connection, transaction, "LotRemaining", PostingSql.LotRemainingTable, PostingSql.LotRemainingColumns,
            _cardsRead.OpenLots.SelectMany(g => g).Where(l => l.RemainingPoints != _cardsRead.LotRemaining[l.Id]).Select(l => new object?[] { l.Id, l.RemainingPoints }),
            PostingSql.ApplyLotRemaining);
        _newLots.Clear();
        _lotUses.Clear();
    }

    /// <summary>
    /// Writes the figures, moves each card's cached balances from those read at the start (only from those: a
    /// till that moved a card meanwhile fails the load), and the load's audit entry; returns the one event for the
    /// caller to publish after commit.
    /// </summary>
    public async Task<IReadOnlyList<PurchaseEvent>> FinishAsync(string loadedBy, DateTime now, CancellationToken cancellationToken)
    {
        if (_count == 0 && _topUpCount == 0)
        {
            return [];
        }
        WriteHeldRows();
        var (connection, transaction) = (_db.Database.GetDbConnection(), PurchasePosting.RequireTransaction(_db));
        _changes.WriteSetWise(connection, transaction);
        await WriteCardBalancesAsync(connection, transaction, cancellationToken);
        var dialect = SqlDialect.Of(_db.Database);
        foreach (var table in new[] { "Purchases", "TopUps", "LedgerEntries", "PointsLots" })
        {
            if (dialect.ContinueIdsAfterExplicitInserts(table) is { } continueIds)
            {
                await _db.Database.ExecuteSqlRawAsync(continueIds, cancellationToken);
            }
        }
        AuditLog.Add(_db, now, loadedBy, AuditActions.PurchasesLoaded, nameof(Purchase), null,
            new { Purchases = _count, TotalMinor = _totalMinor, FirstId = _ids.Purchase - _count + 1, LastId = _ids.Purchase, TopUps = _topUpCount });
        await _db.SaveChangesAsync(cancellationToken);
        return _count == 0 ? [] : [new PurchaseEvent(PurchaseChange.Loaded, _ids.Purchase, 0, _latest, _totalMinor)];
    }

    private async Task WriteCardBalancesAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, CancellationToken cancellationToken)
    {
        var moved = _cards.Values.Where(a => a.Now != a.Read).ToList();
        var changed = StagedChanges.Apply(connection, transaction, "CardMoves", PostingSql.CardMovesTable, PostingSql.CardMoveColumns,
            moved.Select(a => new object?[] { a.MemberId, a.Now.PrincipalMinor, a.Now.BonusMinor, a.Now.Points, a.Read.PrincipalMinor, a.Read.BonusMinor, a.Read.Points }),
            PostingSql.ApplyCardMoves);
        if (changed < moved.Count)
        {
            // The cards moved from what was read now hold what the load left; the one a till moved meanwhile holds neither.
            var now = await _db.Members.AsNoTracking().Select(m => new { m.Id, Card = new CardBalances(m.PrincipalMinor, m.BonusMinor, m.Points) })
                .ToDictionaryAsync(m => m.Id, m => m.Card, cancellationToken);
            throw new CardBalanceChangedException(moved.First(a => now.GetValueOrDefault(a.MemberId) != a.Now).MemberId);
        }
    }

    /// <summary>The member's held account; <paramref name="pricedOn"/> must be its balances now, as for a single posting.</summary>
    private CardAccount Account(int memberId, CardBalances pricedOn)
    {
        if (!_cards.TryGetValue(memberId, out var account))
        {
            account = CardAccount.Held(memberId, _cardsRead.Balances.GetValueOrDefault(memberId), [.. _cardsRead.OpenLots[memberId]]);
            _cards[memberId] = account;
        }
        return account.Now == pricedOn ? account : throw new CardBalanceChangedException(memberId);
    }

    /// <summary>Gives the account's new rows their ids; entries are written with the next flush, lots and uses at the end.</summary>
    private void Hold(CardWrites writes)
    {
        foreach (var entry in writes.Entries)
        {
            entry.Id = ++_ids.Entry;
            _entries.Add(entry.Id, entry.MemberId, UnixMilliseconds.From(entry.At), entry.Kind.ToString(), entry.PrincipalDeltaMinor, entry.BonusDeltaMinor, entry.PointsDelta,
                entry.PrincipalAfterMinor, entry.BonusAfterMinor, entry.PointsAfter, entry.PurchaseId, entry.TopUpId, entry.ReversesEntryId, entry.By, entry.Reason);
        }
        foreach (var lot in writes.Lots)
        {
            lot.Id = ++_ids.Lot;
            lot.EntryId = lot.Entry!.Id;
            // The entry is written already; the lot needs only its id.
            lot.Entry = null;
            _newLots.Add(lot);
        }
        foreach (var use in writes.Uses)
        {
            (use.EntryId, use.LotId, use.Entry, use.Lot) = (use.Entry!.Id, use.Lot!.Id, null, null);
            _lotUses.Add(use);
        }
    }

    private void Flush()
    {
        _topUps.Flush();
        _purchases.Flush();
        _lines.Flush();
        _tenders.Flush();
        _entries.Flush();
    }

    public void Dispose()
    {
        _topUps.Dispose();
        _purchases.Dispose();
        _lines.Dispose();
        _tenders.Dispose();
        _entries.Dispose();
    }

    private sealed class LastIds
    {
        public int Purchase;
        public int TopUp;
        public long Entry;
        public long Lot;
    }

    /// <param name="LotRemaining">What each lot open before the load held, so the load updates only those it changed.</param>
    private sealed record CardsRead(Dictionary<int, CardBalances> Balances, ILookup<int, PointsLot> OpenLots, Dictionary<long, long> LotRemaining);
}
