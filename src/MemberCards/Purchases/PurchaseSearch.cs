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
        var purchases = await FilterAsync(db, query, cancellationToken);
        var total = await purchases.CountAsync(cancellationToken);
        var rows = await purchases
            .OrderByDescending(p => p.PurchasedAt).ThenByDescending(p => p.Id)
            .Skip(query.Page * query.PageSize)
            .Take(query.PageSize)
            .Select(p => new PurchaseRow(p.Id, p.PurchasedAt, p.MemberId, p.Member!.Name, p.Member.CardNumber,
                p.Lines.Sum(l => l.Quantity), p.TotalMinor, p.RecordedBy, p.VoidedAt != null, p.VoidReason))
            .ToListAsync(cancellationToken);
        return new PurchaseListPage(rows, total);
    }

    /// <summary>One purchase with its lines as they were sold, or null when no purchase has the id.</summary>
    public async Task<PurchaseDetails?> GetAsync(int purchaseId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.RequireSignedIn(user);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Purchases.AsNoTracking()
            .Where(p => p.Id == purchaseId)
            .Select(p => new PurchaseDetails(p.Id, p.PurchasedAt, p.MemberId, p.Member!.Name, p.Member.CardNumber, p.TotalMinor,
                p.RecordedBy, p.VoidedAt, p.VoidedBy, p.VoidReason,
                p.Lines.OrderBy(l => l.Id).Select(l => new PurchaseLineRow(l.ProductName, l.Category, l.Quantity, l.UnitPriceMinor)).ToList()))
            .SingleOrDefaultAsync(cancellationToken);
    }

    private async Task<IQueryable<Purchase>> FilterAsync(MemberCardsDb db, PurchaseQuery query, CancellationToken cancellationToken)
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
        if (CardNumber.IsValid(query.Member))
        {
            // A whole card number is looked up first (current or retired card), so the purchases are read by member.
            var memberId = await MemberLookup.MemberIdForCardAsync(db, CardNumber.Normalize(query.Member), cancellationToken) ?? 0;
            purchases = purchases.Where(p => p.MemberId == memberId);
        }
        else if (!string.IsNullOrWhiteSpace(query.Member))
        {
            var pattern = "%" + LikePattern.Escape(SearchText.Fold(query.Member)) + "%";
            purchases = purchases.Where(p => EF.Functions.Like(p.Member!.SearchName, pattern, LikePattern.EscapeCharacter));
        }
        if (query.ProductId is { } productId)
        {
            purchases = purchases.Where(p => p.Lines.Any(l => l.ProductId == productId));
        }
        if (!string.IsNullOrEmpty(query.Category))
        {
            purchases = purchases.Where(p => p.Lines.Any(l => l.Category == query.Category));
        }
        if (!string.IsNullOrWhiteSpace(query.RecordedBy))
        {
            var pattern = "%" + LikePattern.Escape(query.RecordedBy.Trim()) + "%";
            purchases = purchases.Where(p => EF.Functions.Like(p.RecordedBy, pattern, LikePattern.EscapeCharacter));
        }
        return query.Voids switch
        {
            VoidFilter.NotVoided => purchases.Where(p => p.VoidedAt == null),
            VoidFilter.Voided => purchases.Where(p => p.VoidedAt != null),
            _ => purchases,
        };
    }
}
