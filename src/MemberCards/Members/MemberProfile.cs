using System.Globalization;
using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Auditing;
using MemberCards.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Members;

public sealed record CardHistoryRow(string CardNumber, DateTime IssuedAt, DateTime? RetiredAt, CardRetirement? Reason);

/// <summary>The member page's header: details, figures and card history. Average basket = total spend ÷ purchase count.</summary>
public sealed record MemberDetails(
    MemberRow Member,
    DateTime? MarketingOptInAt,
    DateTime? AnonymizedAt,
    DateTime? FirstPurchaseAt,
    long AverageBasketMinor,
    string? FavouriteCategory,
    IReadOnlyList<CardHistoryRow> Cards);

public sealed record MonthSpend(DateOnly Month, long SpendMinor);

/// <summary>Everything the member page shows, each part one indexed query on the member's own rows.</summary>
public sealed class MemberProfile(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock)
{
    public async Task<MemberDetails?> GetAsync(int memberId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.RequireSignedIn(user);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var member = await db.Members.AsNoTracking().Include(m => m.Tier).SingleOrDefaultAsync(m => m.Id == memberId, cancellationToken);
        if (member is null)
        {
            return null;
        }
        var kept = db.Purchases.Where(p => p.MemberId == memberId && p.VoidedAt == null);
        var first = await kept.MinAsync(p => (DateTime?)p.PurchasedAt, cancellationToken);
        // Favourite = the category with the most spend; ties go to the name first in order, so it doesn't flicker.
        var favourite = await kept.SelectMany(p => p.Lines)
            .GroupBy(l => l.Category)
            .Select(g => new { Category = g.Key, Spend = g.Sum(l => l.NetMinor) })
            .OrderByDescending(g => g.Spend).ThenBy(g => g.Category)
            .Select(g => g.Category)
            .FirstOrDefaultAsync(cancellationToken);
        var retired = await db.RetiredCards.AsNoTracking()
            .Where(c => c.MemberId == memberId)
            .OrderByDescending(c => c.RetiredAt)
            .Select(c => new CardHistoryRow(c.CardNumber, c.IssuedAt, c.RetiredAt, c.Reason))
            .ToListAsync(cancellationToken);
        return new MemberDetails(
            MemberService.ToRow(member),
            member.MarketingOptInAt,
            member.AnonymizedAt,
            first,
            member.PurchaseCount == 0 ? 0 : (long)Math.Round((double)member.TotalSpentMinor / member.PurchaseCount, MidpointRounding.AwayFromZero),
            favourite,
            [new CardHistoryRow(member.CardNumber, member.CardIssuedAt, null, null), .. retired]);
    }

    private sealed record MonthRow(string Month, long SpendMinor);

    /// <summary>Spend per local calendar month over the last <paramref name="months"/> months, this one included, empty months as zero.</summary>
    public async Task<IReadOnlyList<MonthSpend>> SpendByMonthAsync(int memberId, int months, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.RequireSignedIn(user);
        var today = clock.Today;
        var firstMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(1 - months);
        var spend = new Dictionary<string, long>();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sql = MemberSql.SpendByMonth(SqlDialect.Of(db.Database));
        // Local months from UTC instants: one query per stretch of constant UTC offset (daylight saving).
        foreach (var segment in clock.OffsetSegments(clock.StartOfDayUtc(firstMonth), clock.StartOfDayUtc(today.AddDays(1))))
        {
            var offset = (long)segment.Offset.TotalMilliseconds;
            var (start, end) = (UnixMilliseconds.From(segment.StartUtc), UnixMilliseconds.From(segment.EndUtc));
            var rows = await db.Database.SqlQueryRaw<MonthRow>(sql, offset, memberId, start, end).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                spend[row.Month] = spend.GetValueOrDefault(row.Month) + row.SpendMinor;
            }
        }
        return [.. Enumerable.Range(0, months).Select(firstMonth.AddMonths)
            .Select(month => new MonthSpend(month, spend.GetValueOrDefault(month.ToString("yyyy-MM", CultureInfo.InvariantCulture))))];
    }

    /// <summary>The member's own audit entries (created, edited, card changes), newest first.</summary>
    public async Task<IReadOnlyList<AuditRow>> HistoryAsync(int memberId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.Require(user, Roles.EditMembers);
        var id = memberId.ToString(CultureInfo.InvariantCulture);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == nameof(Member) && e.EntityId == id)
            .OrderByDescending(e => e.Id)
            .Take(100)
            .Select(e => new AuditRow(e.Id, e.At, e.UserName, e.Action, e.EntityType, e.EntityId, e.Details, e.SourceAddress))
            .ToListAsync(cancellationToken);
    }
}
