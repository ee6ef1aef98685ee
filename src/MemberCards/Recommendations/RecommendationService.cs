using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberCards.Recommendations;

/// <summary>An add-on for the basket: "often bought with <see cref="BecauseName"/>: <see cref="Name"/>, <see cref="Percent"/>% of the time".</summary>
public sealed record BasketSuggestion(int ProductId, string Name, long UnitPriceMinor, string BecauseName, int Percent);

/// <summary>A product for the member, "because you buy" one or two of theirs.</summary>
public sealed record MemberSuggestion(int ProductId, string Name, IReadOnlyList<string> Because);

/// <summary>What the member page shows: products to suggest and the member's visit rhythm (null before three visits).</summary>
public sealed record MemberRecommendations(IReadOnlyList<MemberSuggestion> Products, VisitRhythm? Rhythm);

/// <summary>
/// The recommendations screens read: from the newest finished build (<see cref="AffinityCache"/>), only active
/// products, never one already in the basket; nothing before the first build.
/// </summary>
public sealed class RecommendationService(IDbContextFactory<MemberCardsDb> dbFactory, AffinityCache cache, StoreClock clock, IOptions<MemberCardsOptions> options)
{
    public const int BasketTake = 3;
    public const int MemberTake = 5;

    public async Task<IReadOnlyList<BasketSuggestion>> ForBasketAsync(IReadOnlyCollection<int> basketProductIds, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(basketProductIds);
        Access.RequireSignedIn(user);
        if (basketProductIds.Count == 0)
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await cache.LatestAsync(db, cancellationToken);
        if (model is null)
        {
            return [];
        }
        var products = await ProductsAsync(db, cancellationToken);
        var picks = model.ForBasket(basketProductIds, products.Where(p => p.Value.IsActive).Select(p => p.Key).ToHashSet(), options.Value.Recommendations.MinimumSupport, BasketTake);
        return [.. picks.Select(p => new BasketSuggestion(p.ProductId, products[p.ProductId].Name, products[p.ProductId].UnitPriceMinor,
            products.TryGetValue(p.BecauseProductId, out var because) ? because.Name : "", (int)Math.Round(p.Confidence * 100, MidpointRounding.AwayFromZero)))];
    }

    public async Task<MemberRecommendations> ForMemberAsync(int memberId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.RequireSignedIn(user);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var visits = await db.Purchases.Where(p => p.MemberId == memberId && p.VoidedAt == null).Select(p => p.PurchasedAt).ToListAsync(cancellationToken);
        var rhythm = VisitRhythm.Of(visits, clock.UtcNow);
        var model = await cache.LatestAsync(db, cancellationToken);
        if (model is null || visits.Count == 0)
        {
            return new MemberRecommendations([], rhythm);
        }
        var bought = await (from p in db.Purchases
                            where p.MemberId == memberId && p.VoidedAt == null
                            from l in p.Lines
                            group p.PurchasedAt by l.ProductId into g
                            select new { ProductId = g.Key, Times = g.Count(), Last = g.Max() }).ToListAsync(cancellationToken);
        var recent = clock.UtcNow.AddDays(-options.Value.Recommendations.RecentDays);
        var products = await ProductsAsync(db, cancellationToken);
        var offerable = products.Where(p => p.Value.IsActive).Select(p => p.Key).Except(bought.Where(b => b.Last >= recent).Select(b => b.ProductId)).ToHashSet();
        var picks = model.ForMember(bought.ToDictionary(b => b.ProductId, b => b.Times), offerable, MemberTake);
        return new MemberRecommendations(
            [.. picks.Select(p => new MemberSuggestion(p.ProductId, products[p.ProductId].Name, [.. p.BecauseProductIds.Where(products.ContainsKey).Select(id => products[id].Name)]))],
            rhythm);
    }

    private sealed record ProductFacts(string Name, long UnitPriceMinor, bool IsActive);

    private static Task<Dictionary<int, ProductFacts>> ProductsAsync(MemberCardsDb db, CancellationToken cancellationToken) =>
        db.Products.AsNoTracking().ToDictionaryAsync(p => p.Id, p => new ProductFacts(p.Name, p.UnitPriceMinor, p.IsActive), cancellationToken);
}
