using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Data;
using MemberCards.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Purchases;

/// <summary>Reads for the purchases page: every purchase, voids included (struck through), filtered and paged in SQL.</summary>
public sealed class PurchaseSearch(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock)
{
    /// <summary>A page of purchases, newest first.</summary>
    public async Task<PurchaseListPage> ListAsync(PurchaseQuery query, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        Access.RequireSignedIn(user);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var total = await (await FilterAsync(db, query, forCount: true, cancellationToken)).CountAsync(cancellationToken);
        var rows = await (await FilterAsync(db, query, forCount: false, cancellationToken))
            .OrderByDescending(p => p.PurchasedAt).ThenByDescending(p => p.Id)
            .Skip(query.Page * query.PageSize)
            .Take(query.PageSize)
            .Select(p => new PurchaseRow(p.Id, p.PurchasedAt, p.MemberId, p.Member!.Name, p.Member.CardNumber,
                p.Lines.Sum(l => l.Quantity), p.TotalMinor, p.RecordedBy, p.VoidedAt != null, p.VoidReason, p.VoidedBy))
            .ToListAsync(cancellationToken);
        return new PurchaseListPage(rows, total);
    }

    /// <summary>One purchase with its lines as they were sold, or null when no purchase has the id.</summary>
    public Task<PurchaseDetails?> GetAsync(int purchaseId, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        DetailsAsync(p => p.Id == purchaseId, user, cancellationToken);

    /// <summary>
    /// The purchase an entry dialog saved with this idempotency key, or null when none was recorded: how a dialog
    /// whose answer was lost with the connection finds out what happened to its save.
    /// </summary>
    public Task<PurchaseDetails?> FindByKeyAsync(Guid idempotencyKey, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        DetailsAsync(p => p.IdempotencyKey == idempotencyKey, user, cancellationToken);

    private async Task<PurchaseDetails?> DetailsAsync(System.Linq.Expressions.Expression<Func<Purchase, bool>> which, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.RequireSignedIn(user);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Purchases.AsNoTracking()
            .Where(which)
            .Select(p => new PurchaseDetails(p.Id, p.PurchasedAt, p.MemberId, p.Member!.Name, p.Member.CardNumber, p.TotalMinor,
                p.RecordedBy, p.VoidedAt, p.VoidedBy, p.VoidReason,
                p.Lines.OrderBy(l => l.Id).Select(l => new PurchaseLineRow(l.ProductName, l.Category, l.Quantity, l.UnitPriceMinor, l.MemberDiscountMinor, l.NetMinor)).ToList()))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// The filters in SQL. A product or category filter is written two ways: counting reads the matching lines'
    /// purchase ids from a covering index (IN), while a page walks purchases newest first and stops after one
    /// page (EXISTS); at a million purchases each form is several times slower at the other job.
    /// </summary>
    private async Task<IQueryable<Purchase>> FilterAsync(MemberCardsDb db, PurchaseQuery query, bool forCount, CancellationToken cancellationToken)
    {
        var purchases = db.Purchases.AsNoTracking();
        if (query.From is { } from)
        {
            var start = clock.StartOfDayUtc(from);
            purchases = purchases.Where(p => p.PurchasedAt >= start);
        }
        if (query.To is { } to)
        {
            var end = clock.StartOfDayUtc(to.AddDays(1));
            purchases = purchases.Where(p => p.PurchasedAt < end);
        }
        if (query.MemberId is { } onlyMember)
        {
            purchases = purchases.Where(p => p.MemberId == onlyMember);
        }
        if (CardNumber.IsValid(query.Member))
        {
            // A whole card number is looked up first (current or retired card), so the purchases are read by member.
            var memberId = await MemberLookup.MemberIdForCardAsync(db, CardNumber.Normalize(query.Member), cancellationToken) ?? 0;
            purchases = purchases.Where(p => p.MemberId == memberId);
        }
        else if (!string.IsNullOrWhiteSpace(query.Member))
        {
            // Members are matched first (100,000 names), then their purchases read through the member index.
            var members = db.Members.Where(NameMatch.For(query.Member)).Select(m => m.Id);
            purchases = purchases.Where(p => members.Contains(p.MemberId));
        }
        if (query.ProductId is { } productId)
        {
            var sold = db.PurchaseLines.Where(l => l.ProductId == productId).Select(l => l.PurchaseId);
            purchases = forCount ? purchases.Where(p => sold.Contains(p.Id)) : purchases.Where(p => p.Lines.Any(l => l.ProductId == productId));
        }
        if (!string.IsNullOrEmpty(query.Category))
        {
            var sold = db.PurchaseLines.Where(l => l.Category == query.Category).Select(l => l.PurchaseId);
            purchases = forCount ? purchases.Where(p => sold.Contains(p.Id)) : purchases.Where(p => p.Lines.Any(l => l.Category == query.Category));
        }
        if (!string.IsNullOrWhiteSpace(query.RecordedBy))
        {
            // Lower case on both sides: LIKE ignores case in SQLite (ASCII) but not in PostgreSQL.
            var pattern = "%" + LikePattern.Escape(query.RecordedBy.Trim()).ToLowerInvariant() + "%";
#pragma warning disable CA1304, CA1311 // SQL lower(), not .NET's: EF Core translates only the culture-free overload.
            purchases = purchases.Where(p => EF.Functions.Like(p.RecordedBy.ToLower(), pattern, LikePattern.EscapeCharacter));
#pragma warning restore CA1304, CA1311
        }
        return query.Voids switch
        {
            VoidFilter.NotVoided => purchases.Where(p => p.VoidedAt == null),
            VoidFilter.Voided => purchases.Where(p => p.VoidedAt != null),
            _ => purchases,
        };
    }
}
