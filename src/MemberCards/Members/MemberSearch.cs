using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Members;

/// <summary>The members grid: quick search, filters, sorting and paging, all in SQL.</summary>
public sealed class MemberSearch(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock)
{
    public async Task<MemberListPage> ListAsync(MemberListQuery query, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        Access.RequireSignedIn(user);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (members, notice) = await SearchAsync(db, query.Search, cancellationToken);
        members = Filter(members, query);
        var rows = await Sort(SqlDialect.Of(db.Database), members, query.SortBy, query.Descending)
            .Skip(query.Page * query.PageSize)
            .Take(query.PageSize)
            .Select(MemberService.Row)
            .ToListAsync(cancellationToken);
        // A first page that isn't full is the whole answer (the usual narrow search): no second scan to count it.
        var total = query.Page == 0 && rows.Count < query.PageSize ? rows.Count : await members.CountAsync(cancellationToken);
        return new MemberListPage(rows, total, total == 0 || notice?.ShownWithRows == true ? notice?.Message : null);
    }

    private sealed record Notice(FieldError Message, bool ShownWithRows);

    private async Task<(IQueryable<Member> Members, Notice? Notice)> SearchAsync(MemberCardsDb db, string? search, CancellationToken cancellationToken)
    {
        var members = db.Members.AsNoTracking();
        if (string.IsNullOrWhiteSpace(search))
        {
            return (members, null);
        }
        var card = CardNumber.Normalize(search.Trim());
        if (CardNumber.IsValid(card))
        {
            // A whole card number is looked up in the unique index, then among replaced cards.
            // A merged member's number is in the kept member's card history: that member is the one found.
            if (await members.AnyAsync(m => m.CardNumber == card && m.MergedIntoId == null, cancellationToken))
            {
                return (members.Where(m => m.CardNumber == card), null);
            }
            var retired = await db.RetiredCards.AsNoTracking().Where(c => c.CardNumber == card).SingleOrDefaultAsync(cancellationToken);
            if (retired is not null)
            {
                var replaced = FieldError.Of(MessageCode.CardReplacedNotice, CardNumber.Format(card), DateOnly.FromDateTime(clock.ToLocal(retired.RetiredAt)), retired.Reason);
                return (members.Where(m => m.Id == retired.MemberId), new Notice(replaced, ShownWithRows: true));
            }
            return (members.Where(m => false), new Notice(FieldError.Of(MessageCode.CardUnknownNotice, CardNumber.Format(card)), false));
        }

        var textSearch = search.Trim();
        var emailPattern = "%" + LikePattern.Escape(textSearch.ToLowerInvariant()) + "%";
        var digits = PhoneNumber.Normalize(textSearch).TrimStart('+');
        var digitPattern = digits.Length >= 3 && textSearch.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '.' or '(' or ')' or '+')
            ? "%" + digits + "%"
            : null;
        // Input made only of phone characters is a phone or card fragment: names and emails are not scanned for it,
        // which halves the work of the scan (README, Performance).
        var found = digitPattern is not null
            ? members.Where(m => EF.Functions.Like(m.Phone!, digitPattern) || EF.Functions.Like(m.CardNumber, digitPattern))
            : members.Where(NameMatch.For(textSearch, orElse: m => EF.Functions.Like(m.Email!, emailPattern, LikePattern.EscapeCharacter)));
        var mistypedCard = card.Length == CardNumber.Length && card.All(char.IsAsciiDigit)
            ? new Notice(FieldError.Of(MessageCode.CardCheckDigitNotice, CardNumber.Format(card)), false)
            : null;
        return (found, mistypedCard);
    }

    private IQueryable<Member> Filter(IQueryable<Member> members, MemberListQuery query)
    {
        if (query.TierIds is { Count: > 0 } tiers)
        {
            members = members.Where(m => tiers.Contains(m.TierId));
        }
        if (query.Statuses is { Count: > 0 } statuses)
        {
            members = members.Where(m => statuses.Contains(m.Status));
        }
        if (query.JoinedFrom is { } from)
        {
            var start = clock.StartOfDayUtc(from);
            members = members.Where(m => m.JoinedAt >= start);
        }
        if (query.JoinedTo is { } to)
        {
            var end = clock.StartOfDayUtc(to.AddDays(1));
            members = members.Where(m => m.JoinedAt < end);
        }
        // "+ 0" keeps SQLite off the spend index for these ranges: a spend range usually holds a large share of all
        // members, and reading them through the index row by row is ~10× slower than one scan (measured, README).
        if (query.MinSpendMinor is { } min)
        {
            members = members.Where(m => m.TotalSpentMinor + 0 >= min);
        }
        if (query.MaxSpendMinor is { } max)
        {
            members = members.Where(m => m.TotalSpentMinor + 0 <= max);
        }
        return members;
    }

    private static IQueryable<Member> Sort(SqlDialect dialect, IQueryable<Member> members, string? sortBy, bool descending) => sortBy switch
    {
        // Members who never bought sort as the oldest last purchase, as in SQLite, where NULL sorts lowest. PostgreSQL
        // reads this order from an index on the same expressions (its LastPurchaseSortIndex migration).
        nameof(MemberRow.LastPurchaseAt) when !dialect.SortsNullsLowest => descending
            ? members.OrderBy(m => m.LastPurchaseAt == null).ThenByDescending(m => m.LastPurchaseAt).ThenBy(m => m.Id)
            : members.OrderByDescending(m => m.LastPurchaseAt == null).ThenBy(m => m.LastPurchaseAt).ThenBy(m => m.Id),
        nameof(MemberRow.CardNumber) => descending ? members.OrderByDescending(m => m.CardNumber) : members.OrderBy(m => m.CardNumber),
        nameof(MemberRow.Name) => By(members, m => m.SearchName, descending),
        nameof(MemberRow.Tier) => By(members, m => m.Tier!.Rank, descending),
        nameof(MemberRow.Status) => By(members, m => m.Status, descending),
        nameof(MemberRow.JoinedAt) => By(members, m => m.JoinedAt, descending),
        nameof(MemberRow.PurchaseCount) => By(members, m => m.PurchaseCount, descending),
        nameof(MemberRow.TotalSpentMinor) => By(members, m => m.TotalSpentMinor, descending),
        nameof(MemberRow.LastPurchaseAt) => By(members, m => m.LastPurchaseAt, descending),
        nameof(MemberRow.StoredValueMinor) => By(members, m => m.PrincipalMinor + m.BonusMinor, descending),
        nameof(MemberRow.Points) => By(members, m => m.Points, descending),
        _ => members.OrderBy(m => m.Id),
    };

    // Ties broken by id, so paging through equal values neither repeats nor skips a member.
    private static IQueryable<Member> By<TKey>(IQueryable<Member> members, System.Linq.Expressions.Expression<Func<Member, TKey>> key, bool descending) =>
        descending ? members.OrderByDescending(key).ThenBy(m => m.Id) : members.OrderBy(key).ThenBy(m => m.Id);
}
