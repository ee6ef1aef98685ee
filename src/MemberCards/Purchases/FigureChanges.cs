using System.Data.Common;
using MemberCards.Data;
using MemberCards.Reports;

namespace MemberCards.Purchases;

/// <summary>What the figures need to know of a purchase line: its product, the category it was sold under, quantity and net amount.</summary>
public readonly record struct LineFacts(int ProductId, string Category, int Quantity, long NetMinor);

/// <summary>What the figures need to know of a purchase, whether it is being posted or voided.</summary>
public sealed record PurchaseFacts(int MemberId, DateTime PurchasedAt, long TotalMinor, IReadOnlyList<LineFacts> Lines);

/// <summary>
/// The derived figures a set of postings and voids move — member figures, revenue buckets, product sales days —
/// computed here once for every path. A single posting adds one purchase and writes; the bulk load adds a
/// million and writes once, one statement per member, bucket and product day; a void adds with sign −1.
/// </summary>
public sealed class FigureChanges
{
    private sealed class MemberChange
    {
        public int Count;
        public long SpentMinor;
        public DateTime? Latest;
        public bool RecomputeLatest;
    }

    private readonly Dictionary<int, MemberChange> _members = [];
    private readonly Dictionary<long, (long RevenueMinor, int Purchases)> _buckets = [];
    private readonly Dictionary<(long DayMs, int ProductId, string Category), (long RevenueMinor, int Quantity)> _productDays = [];

    public bool IsEmpty => _members.Count == 0;

    /// <summary>Adds a posted purchase (<paramref name="sign"/> +1) or takes a voided one out (−1).</summary>
    public void Add(PurchaseFacts purchase, int sign)
    {
        ArgumentNullException.ThrowIfNull(purchase);
        if (sign is not (1 or -1))
        {
            throw new ArgumentOutOfRangeException(nameof(sign), sign, "A purchase is added (+1) or taken out (−1).");
        }
        var member = _members.TryGetValue(purchase.MemberId, out var found) ? found : _members[purchase.MemberId] = new MemberChange();
        member.Count += sign;
        member.SpentMinor += sign * purchase.TotalMinor;
        if (sign > 0 && (member.Latest is null || purchase.PurchasedAt > member.Latest))
        {
            member.Latest = purchase.PurchasedAt;
        }
        member.RecomputeLatest |= sign < 0;

        var bucket = RevenueBucket.StartOf(purchase.PurchasedAt);
        var sums = _buckets.GetValueOrDefault(bucket);
        _buckets[bucket] = (sums.RevenueMinor + sign * purchase.TotalMinor, sums.Purchases + sign);

        var day = UnixMilliseconds.From(purchase.PurchasedAt) / ProductSalesDay.WidthMs * ProductSalesDay.WidthMs;
        foreach (var line in purchase.Lines)
        {
            var key = (day, line.ProductId, line.Category);
            var sold = _productDays.GetValueOrDefault(key);
            _productDays[key] = (sold.RevenueMinor + sign * line.NetMinor, sold.Quantity + sign * line.Quantity);
        }
    }

    /// <summary>Writes every change inside <paramref name="transaction"/>, each statement prepared once and reused.</summary>
    public async Task WriteAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using (var moveMember = PreparedCommand.Create(connection, transaction, PostingSql.MoveMemberFigures, 5))
        {
            foreach (var (memberId, change) in _members)
            {
                await moveMember.ExecuteAsync(cancellationToken, change.Count, change.SpentMinor,
                    change.Latest is { } latest ? UnixMilliseconds.From(latest) : null, change.RecomputeLatest ? 1 : 0, memberId);
            }
        }
        await using (var moveBucket = PreparedCommand.Create(connection, transaction, PostingSql.MoveRevenueBucket, 3))
        {
            foreach (var (start, sums) in _buckets)
            {
                await moveBucket.ExecuteAsync(cancellationToken, start, sums.RevenueMinor, sums.Purchases);
            }
        }
        await using var moveProductDay = PreparedCommand.Create(connection, transaction, PostingSql.MoveProductSalesDay, 5);
        foreach (var ((day, productId, category), sold) in _productDays)
        {
            await moveProductDay.ExecuteAsync(cancellationToken, day, productId, category, sold.RevenueMinor, sold.Quantity);
        }
    }
}
