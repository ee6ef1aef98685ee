using MemberCards.Auditing;
using MemberCards.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Purchases;

/// <summary>
/// The bulk form of <see cref="PurchasePosting.PostAsync"/>: the same quoted receipts and the same
/// <see cref="FigureChanges"/>, but purchases and lines go through two reused prepared commands, the figures are
/// written once per member, bucket and product day at the end, and the whole load gets one audit entry and one
/// feed event. EF Core's change tracker manages about a tenth of the rows per second that SQLite can take.
/// </summary>
public sealed class PostingBatch : IDisposable
{
    private readonly MemberCardsDb _db;
    private readonly RowWriter _insertPurchase;
    private readonly RowWriter _insertLine;
    private readonly FigureChanges _changes = new();
    private int _nextId;
    private int _count;
    private long _totalMinor;
    private DateTime _latest = DateTime.MinValue;

    private PostingBatch(MemberCardsDb db, int lastId)
    {
        _db = db;
        _nextId = lastId;
        var transaction = PurchasePosting.RequireTransaction(db);
        var connection = db.Database.GetDbConnection();
        _insertPurchase = RowWriter.Create(connection, transaction, PostingSql.InsertPurchase, 5);
        _insertLine = RowWriter.Create(connection, transaction, PostingSql.InsertLine, 7);
    }

    /// <summary>Starts a batch in the caller's transaction; ids are handed out here, so lines need no round trip to learn them.</summary>
    public static async Task<PostingBatch> StartAsync(MemberCardsDb db, CancellationToken cancellationToken)
    {
        PurchasePosting.RequireTransaction(db);
        var lastId = await db.Purchases.MaxAsync(p => (int?)p.Id, cancellationToken) ?? 0;
        return new PostingBatch(db, lastId);
    }

    public int Count => _count;

    /// <summary>Writes the purchase and its lines now; its figures are written by <see cref="FinishAsync"/>.</summary>
    public int Add(PricedReceipt receipt, DateTime purchasedAt, string recordedBy)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        if (!receipt.CanPost)
        {
            throw new ArgumentException("A receipt with refusals cannot be posted.", nameof(receipt));
        }
        var id = ++_nextId;
        var memberId = receipt.MemberId!.Value;
        var total = receipt.AmountDueMinor;
        var at = UnixMilliseconds.From(purchasedAt);
        _insertPurchase.Bind(1, id);
        _insertPurchase.Bind(2, memberId);
        _insertPurchase.Bind(3, at);
        _insertPurchase.Bind(4, recordedBy);
        _insertPurchase.Bind(5, total);
        _insertPurchase.Write();
        _insertLine.Bind(1, id);
        var lines = new LineFacts[receipt.Lines.Count];
        for (var i = 0; i < lines.Length; i++)
        {
            var line = receipt.Lines[i];
            var net = line.NetMinor;
            _insertLine.Bind(2, line.ProductId);
            _insertLine.Bind(3, line.ProductName);
            _insertLine.Bind(4, line.Category);
            _insertLine.Bind(5, line.UnitPriceMinor);
            _insertLine.Bind(6, line.Quantity);
            _insertLine.Bind(7, net);
            _insertLine.Write();
            lines[i] = new LineFacts(line.ProductId, line.Category, line.Quantity, net);
        }
        _changes.Add(new PurchaseFacts(memberId, purchasedAt, total, lines), 1);
        _count++;
        _totalMinor += total;
        if (purchasedAt > _latest)
        {
            _latest = purchasedAt;
        }
        return id;
    }

    /// <summary>Writes the figures and the load's audit entry; returns the one event for the caller to publish after commit.</summary>
    public async Task<IReadOnlyList<PurchaseEvent>> FinishAsync(string loadedBy, DateTime now, CancellationToken cancellationToken)
    {
        if (_count == 0)
        {
            return [];
        }
        _changes.Write(_db.Database.GetDbConnection(), PurchasePosting.RequireTransaction(_db));
        AuditLog.Add(_db, now, loadedBy, AuditActions.PurchasesLoaded, nameof(Purchase), null,
            new { Purchases = _count, TotalMinor = _totalMinor, FirstId = _nextId - _count + 1, LastId = _nextId });
        await _db.SaveChangesAsync(cancellationToken);
        return [new PurchaseEvent(PurchaseChange.Loaded, _nextId, 0, _latest, _totalMinor)];
    }

    public void Dispose()
    {
        _insertPurchase.Dispose();
        _insertLine.Dispose();
    }
}
