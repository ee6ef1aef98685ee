namespace MemberCards.Recommendations;

/// <summary>How many baskets and members hold a product in the period counted.</summary>
public sealed record ProductCount(int ProductId, long Baskets, long Members);

/// <summary>How many baskets hold both products, and how many members bought both (in any baskets).</summary>
public sealed record PairCount(int ProductId, int OtherProductId, long Baskets, long Members);

/// <summary>An add-on for a basket, and the product in the basket it goes with.</summary>
public sealed record BasketPick(int ProductId, int BecauseProductId, double Confidence, double Lift);

/// <summary>A product for a member, and the (up to two) products of theirs that led to it.</summary>
public sealed record MemberPick(int ProductId, double Score, IReadOnlyList<int> BecauseProductIds);

/// <summary>
/// The statistics of one build in memory, and the two recommenders over them: association rules for a basket
/// (confidence, lift, minimum support) and item-based collaborative filtering for a member (cosine similarity over
/// member × product incidence, weighted by how often the member bought each of their products).
/// </summary>
public sealed class AffinityModel
{
    private readonly Dictionary<int, ProductAffinity[]> _from;

    public AffinityModel(int baskets, IEnumerable<ProductAffinity> affinities)
    {
        ArgumentNullException.ThrowIfNull(affinities);
        Baskets = baskets;
        _from = affinities.GroupBy(a => a.ProductId).ToDictionary(g => g.Key, g => g.OrderBy(a => a.OtherProductId).ToArray());
    }

    public int Baskets { get; }

    public IEnumerable<ProductAffinity> Affinities => _from.Values.SelectMany(a => a);

    /// <summary>The statistics from counts; <paramref name="baskets"/> is every basket in the period.</summary>
    public static AffinityModel FromCounts(int baskets, IReadOnlyList<ProductCount> products, IReadOnlyList<PairCount> pairs)
    {
        ArgumentNullException.ThrowIfNull(products);
        ArgumentNullException.ThrowIfNull(pairs);
        var byId = products.ToDictionary(p => p.ProductId);
        var affinities = pairs.Where(p => byId.ContainsKey(p.ProductId) && byId.ContainsKey(p.OtherProductId)).Select(p =>
        {
            var a = byId[p.ProductId];
            var b = byId[p.OtherProductId];
            var confidence = a.Baskets == 0 ? 0 : (double)p.Baskets / a.Baskets;
            return new ProductAffinity
            {
                ProductId = p.ProductId,
                OtherProductId = p.OtherProductId,
                PairBaskets = (int)p.Baskets,
                Support = baskets == 0 ? 0 : (double)p.Baskets / baskets,
                Confidence = confidence,
                Lift = b.Baskets == 0 ? 0 : confidence * baskets / b.Baskets,
                Similarity = a.Members == 0 || b.Members == 0 ? 0 : p.Members / Math.Sqrt((double)a.Members * b.Members),
            };
        });
        return new AffinityModel(baskets, affinities);
    }

    public ProductAffinity? Find(int productId, int otherProductId) =>
        _from.TryGetValue(productId, out var row) ? Array.Find(row, a => a.OtherProductId == otherProductId) : null;

    /// <summary>
    /// Up to <paramref name="take"/> add-ons for the basket: products that may be offered, not in the basket, whose pair
    /// with a basket product reaches the minimum support and goes together more than chance (lift above 1), by the best
    /// confidence from any basket product.
    /// </summary>
    public IReadOnlyList<BasketPick> ForBasket(IReadOnlyCollection<int> basket, IReadOnlySet<int> offerable, double minimumSupport, int take)
    {
        ArgumentNullException.ThrowIfNull(basket);
        ArgumentNullException.ThrowIfNull(offerable);
        var best = new Dictionary<int, BasketPick>();
        foreach (var a in basket.Distinct())
        {
            foreach (var rule in _from.GetValueOrDefault(a) ?? [])
            {
                if (rule.Support < minimumSupport || rule.Lift <= 1 || !offerable.Contains(rule.OtherProductId) || basket.Contains(rule.OtherProductId))
                {
                    continue;
                }
                if (!best.TryGetValue(rule.OtherProductId, out var held) || rule.Confidence > held.Confidence)
                {
                    best[rule.OtherProductId] = new BasketPick(rule.OtherProductId, a, rule.Confidence, rule.Lift);
                }
            }
        }
        return [.. best.Values.OrderByDescending(p => p.Confidence).ThenByDescending(p => p.Lift).ThenBy(p => p.ProductId).Take(take)];
    }

    /// <summary>
    /// Up to <paramref name="take"/> products for a member who bought each of <paramref name="bought"/>'s products that
    /// many times: score(j) = Σ over their products i of (1 + ln times(i)) × similarity(i, j), among the offerable
    /// products, a product's similarity with itself being 1 (a product the member used to buy, not lately, comes back:
    /// measured, it lifts next-basket hits on the demo data from below "most popular" to above it); the reason is the
    /// two other products contributing most.
    /// </summary>
    public IReadOnlyList<MemberPick> ForMember(IReadOnlyDictionary<int, int> bought, IReadOnlySet<int> offerable, int take)
    {
        ArgumentNullException.ThrowIfNull(bought);
        ArgumentNullException.ThrowIfNull(offerable);
        var contributions = new Dictionary<int, List<(int From, double Part)>>();
        var own = new Dictionary<int, double>();
        foreach (var (product, times) in bought)
        {
            var weight = 1 + Math.Log(Math.Max(1, times));
            if (offerable.Contains(product))
            {
                own[product] = weight;
            }
            foreach (var similar in _from.GetValueOrDefault(product) ?? [])
            {
                if (similar.Similarity <= 0 || !offerable.Contains(similar.OtherProductId))
                {
                    continue;
                }
                if (!contributions.TryGetValue(similar.OtherProductId, out var parts))
                {
                    contributions[similar.OtherProductId] = parts = [];
                }
                parts.Add((product, weight * similar.Similarity));
            }
        }
        foreach (var product in own.Keys.Where(p => !contributions.ContainsKey(p)))
        {
            contributions[product] = [];
        }
        return [.. contributions
            .Select(c => new MemberPick(c.Key, c.Value.Sum(p => p.Part) + own.GetValueOrDefault(c.Key),
                [.. c.Value.OrderByDescending(p => p.Part).ThenBy(p => p.From).Take(2).Select(p => p.From)]))
            .OrderByDescending(p => p.Score).ThenBy(p => p.ProductId).Take(take)];
    }
}
