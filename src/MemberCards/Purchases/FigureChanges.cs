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
    public void Write(DbConnection connection, DbTransaction transaction)
    {
        using (var moveMember = RowWriter.Create(connection, transaction, PostingSql.MoveMemberFigures, 5))
        {
            foreach (var (memberId, change) in _members)
            {
                moveMember.Bind(1, change.Count);
                moveMember.Bind(2, change.SpentMinor);
                if (change.Latest is { } latest)
                {
                    moveMember.Bind(3, UnixMilliseconds.From(latest));
                }
                else
                {
                    moveMember.BindNull(3);
                }
                moveMember.Bind(4, change.RecomputeLatest ? 1 : 0);
                moveMember.Bind(5, memberId);
                moveMember.Write();
            }
        }
        using (var moveBucket = RowWriter.Create(connection, transaction, PostingSql.MoveRevenueBucket, 3))
        {
            foreach (var (start, sums) in _buckets)
            {
                moveBucket.Bind(1, start);
                moveBucket.Bind(2, sums.RevenueMinor);
                moveBucket.Bind(3, sums.Purchases);
                moveBucket.Write();
            }
        }
        using var moveProductDay = RowWriter.Create(connection, transaction, PostingSql.MoveProductSalesDay, 5);
        foreach (var ((day, productId, category), sold) in _productDays)
        {
            moveProductDay.Bind(1, day);
            moveProductDay.Bind(2, productId);
            moveProductDay.Bind(3, category);
            moveProductDay.Bind(4, sold.RevenueMinor);
            moveProductDay.Bind(5, sold.Quantity);
            moveProductDay.Write();
        }
    }

    /// <summary>
    /// The bulk load's form of <see cref="Write"/>: the same changes, one statement per figure table for all its rows
    /// (<see cref="StagedChanges"/>).
    /// </summary>
    public void WriteSetWise(DbConnection connection, DbTransaction transaction)
    {
        StagedChanges.Apply(connection, transaction, "MemberChanges", PostingSql.MemberChangesTable, PostingSql.MemberChangeColumns,
            _members.Select(m => new object?[] { m.Key, m.Value.Count, m.Value.SpentMinor, m.Value.Latest is { } latest ? UnixMilliseconds.From(latest) : null, m.Value.RecomputeLatest ? 1 : 0 }),
            PostingSql.ApplyMemberChanges);
        StagedChanges.Apply(connection, transaction, "BucketChanges", PostingSql.BucketChangesTable, PostingSql.BucketChangeColumns,
            _buckets.Select(b => new object?[] { b.Key, b.Value.RevenueMinor, b.Value.Purchases }), PostingSql.ApplyBucketChanges);
        StagedChanges.Apply(connection, transaction, "ProductDayChanges", PostingSql.ProductDayChangesTable, PostingSql.ProductDayChangeColumns,
            _productDays.Select(d => new object?[] { d.Key.DayMs, d.Key.ProductId, d.Key.Category, d.Value.RevenueMinor, d.Value.Quantity }),
            PostingSql.ApplyProductDayChanges);
    }
}
