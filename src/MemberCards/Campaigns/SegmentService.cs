using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Data;
using MemberCards.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Campaigns;

/// <summary>One member of a segment, with their figures in the segment's period and their RFM segment.</summary>
public sealed record SegmentMember(
    long Rank, int MemberId, string CardNumber, string Name, Tiers.TierName Tier, MemberStatus Status, bool MarketingOptIn,
    string? Email, string? Phone, long SpendMinor, int Purchases, DateTime LastPurchaseAt, RfmScores? Rfm);

/// <summary>A page of a segment and the figures of the whole segment.</summary>
public sealed record SegmentPage(IReadOnlyList<SegmentMember> Rows, SegmentSummary Summary);

/// <summary>Recency, frequency and monetary scores 1–5 over the period, and the named segment they map to.</summary>
public sealed record RfmScores(int R, int F, int M, RfmSegment Segment)
{
    public override string ToString() => $"{R}{F}{M}";
}

public sealed record SegmentSummary(int Members, long SpendMinor, int OptedIn);

public sealed record RfmSegmentSize(RfmSegment Segment, int Members, long SpendMinor);

public sealed record FilterChoices(IReadOnlyList<(int Id, string Name)> Products, IReadOnlyList<string> Categories);

/// <summary>
/// Who marketing should talk to: members ranked by what they spent in a period, narrowed by <see cref="SegmentCriteria"/>,
/// and RFM scores over the same period. Everything is computed in SQL (<see cref="SegmentSql"/>).
/// </summary>
public sealed class SegmentService(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock)
{
    private sealed record Row(long Rank, int MemberId, string CardNumber, string Name, int TierId, int TierRank, string? TierName, string? TierPreset, int Status, bool MarketingOptIn,
        string? Email, string? Phone, long SpendMinor, int Purchases, long LastMs, int R, int F, int M, int Segment,
        int SegmentMembers, long SegmentSpendMinor, int SegmentOptedIn);

    private sealed record SizeRow(int Segment, int Members, long SpendMinor);

    /// <summary>
    /// A page of the segment, best spenders first, and the whole segment's size and spend, in one query.
    /// RFM scores cost three window sorts: they are computed only <paramref name="withRfm"/> or for an RFM filter.
    /// </summary>
    public async Task<SegmentPage> PageAsync(SegmentCriteria criteria, int page, int pageSize, bool withRfm, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.Require(user, Roles.Campaigns);
        ArgumentOutOfRangeException.ThrowIfNegative(page);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (sql, args) = SegmentSql.Segment(SqlDialect.Of(db.Database), criteria, Bounds(criteria), withRfm);
        var rows = await db.Database.SqlQueryRaw<Row>(SegmentSql.Rows(sql, page * pageSize, pageSize), args).ToListAsync(cancellationToken);
        var summary = rows.Count > 0
            ? new SegmentSummary(rows[0].SegmentMembers, rows[0].SegmentSpendMinor, rows[0].SegmentOptedIn)
            : page == 0 ? new SegmentSummary(0, 0, 0) : await SummaryAsync(criteria, user, cancellationToken);
        return new SegmentPage([.. rows.Select(ToMember)], summary);
    }

    /// <summary>The whole segment with RFM scores (exports), best spenders first.</summary>
    internal async Task<IReadOnlyList<SegmentMember>> AllAsync(SegmentCriteria criteria, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (sql, args) = SegmentSql.Segment(SqlDialect.Of(db.Database), criteria, Bounds(criteria), withRfm: true);
        var rows = await db.Database.SqlQueryRaw<Row>(SegmentSql.Rows(sql, 0, int.MaxValue), args).ToListAsync(cancellationToken);
        return [.. rows.Select(ToMember)];
    }

    /// <summary>The ids of the segment's members with an open membership, read in the caller's context (and transaction).</summary>
    internal async Task<IReadOnlyList<int>> OpenMemberIdsAsync(MemberCardsDb db, SegmentCriteria criteria, CancellationToken cancellationToken)
    {
        var (sql, args) = SegmentSql.Segment(SqlDialect.Of(db.Database), criteria, Bounds(criteria), withRfm: false);
        return await SegmentSql.OpenMemberIdsAsync(db, sql, args, cancellationToken);
    }

    /// <summary>How many members the segment holds, what they spent in the period, and how many opted in to marketing.</summary>
    public async Task<SegmentSummary> SummaryAsync(SegmentCriteria criteria, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.Require(user, Roles.Campaigns);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (sql, args) = SegmentSql.Segment(SqlDialect.Of(db.Database), criteria, Bounds(criteria), withRfm: false);
        return (await db.Database.SqlQueryRaw<SegmentSummary>(SegmentSql.Summary(sql), args).ToListAsync(cancellationToken)).Single();
    }

    /// <summary>Every RFM segment's size and spend among all members who bought in the criteria's period (other filters ignored).</summary>
    public async Task<IReadOnlyList<RfmSegmentSize>> RfmSizesAsync(SegmentCriteria criteria, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.Require(user, Roles.Campaigns);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (sql, args) = SegmentSql.RfmSizes(SqlDialect.Of(db.Database), Bounds(criteria));
        var rows = (await db.Database.SqlQueryRaw<SizeRow>(sql, args).ToListAsync(cancellationToken)).ToDictionary(r => (RfmSegment)r.Segment);
        return [.. Enum.GetValues<RfmSegment>().Select(s => rows.TryGetValue(s, out var r) ? new RfmSegmentSize(s, r.Members, r.SpendMinor) : new RfmSegmentSize(s, 0, 0))];
    }

    /// <summary>Products and categories sold at some time, for the "bought" filters.</summary>
    public async Task<FilterChoices> FilterChoicesAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.Require(user, Roles.Campaigns);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var products = await db.Products.AsNoTracking().OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken);
        var categories = await db.Products.Select(p => p.Category).Distinct().OrderBy(c => c).ToListAsync(cancellationToken);
        return new FilterChoices([.. products.Select(p => (p.Id, p.Name))], categories);
    }

    /// <summary>The criteria's period and day limits as instants: "the last N days" ends with today in the store's time zone.</summary>
    private SegmentBounds Bounds(SegmentCriteria criteria)
    {
        var problem = SegmentRules.Validate(criteria).FirstOrDefault();
        if (problem is not null)
        {
            throw new ArgumentException($"{problem.Field}: {problem.Code}", nameof(criteria));
        }
        var today = clock.Today;
        var (from, to) = criteria is { From: { } first, To: { } last } ? (first, last) : (today.AddDays(1 - criteria.PeriodDays), today);
        var end = clock.StartOfDayUtc(to.AddDays(1));
        long? DaysBack(int? days) => days is { } n ? UnixMilliseconds.From(clock.StartOfDayUtc(today.AddDays(1 - n))) : null;
        return new SegmentBounds(
            UnixMilliseconds.From(clock.StartOfDayUtc(from)),
            UnixMilliseconds.From(end),
            UnixMilliseconds.From(end < clock.UtcNow ? end : clock.UtcNow),
            DaysBack(criteria.LastPurchaseWithinDays),
            DaysBack(criteria.LapsedDays));
    }

    private static SegmentMember ToMember(Row r) => new(r.Rank, r.MemberId, r.CardNumber, r.Name,
        new Tiers.TierName(r.TierId, r.TierRank, r.TierName, r.TierPreset is null ? null : Enum.Parse<Tiers.TierPreset>(r.TierPreset)), (MemberStatus)r.Status,
        r.MarketingOptIn, r.Email, r.Phone, r.SpendMinor, r.Purchases, UnixMilliseconds.ToUtc(r.LastMs), r.R == 0 ? null : new RfmScores(r.R, r.F, r.M, (RfmSegment)r.Segment));
}
