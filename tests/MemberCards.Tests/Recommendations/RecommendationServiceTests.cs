using MemberCards.Recommendations;

namespace MemberCards.Tests.Recommendations;

public sealed class RecommendationServiceTests
{
    private static async Task<(TestDatabase Db, RecommendationData Data)> BuiltAsync()
    {
        var db = await TestDatabase.CreateAsync();
        var data = await RecommendationData.AddAsync(db);
        await db.Get<RecommendationBuilder>().RebuildAsync(TestUsers.Manager, CancellationToken.None);
        return (db, data);
    }

    [Fact]
    public async Task A_latte_basket_is_offered_a_croissant_because_of_the_latte_at_its_confidence()
    {
        var (db, data) = await BuiltAsync();
        await using var _ = db;

        var suggestions = await db.Get<RecommendationService>().ForBasketAsync([data.Latte], TestUsers.Staff, CancellationToken.None);

        // Muffin goes with latte less than chance (lift below 1); the scone went with latte but is inactive now.
        Assert.Equal([new BasketSuggestion(data.Croissant, "Croissant", 320, "Latte", 67)], suggestions);
    }

    [Fact]
    public async Task Never_a_product_already_in_the_basket_nor_an_inactive_one()
    {
        var (db, data) = await BuiltAsync();
        await using var _ = db;
        db.Options.Recommendations.MinimumSupport = 0;

        var suggestions = await db.Get<RecommendationService>().ForBasketAsync([data.Latte, data.Croissant, data.Tea], TestUsers.Staff, CancellationToken.None);

        Assert.DoesNotContain(suggestions, s => s.ProductId is var id && (id == data.Latte || id == data.Croissant || id == data.Tea || id == data.Scone));
        Assert.Equal(["Muffin"], suggestions.Select(s => s.Name));
    }

    [Fact]
    public async Task A_pair_below_the_minimum_support_is_not_offered()
    {
        var (db, data) = await BuiltAsync();
        await using var _ = db;
        var service = db.Get<RecommendationService>();

        db.Options.Recommendations.MinimumSupport = 0.2;
        Assert.Empty(await service.ForBasketAsync([data.Tea], TestUsers.Staff, CancellationToken.None));
        db.Options.Recommendations.MinimumSupport = 0.1;
        Assert.Equal([new BasketSuggestion(data.Muffin, "Muffin", 340, "Tea", 33)], await service.ForBasketAsync([data.Tea], TestUsers.Staff, CancellationToken.None));
    }

    [Fact]
    public async Task A_member_is_offered_products_similar_to_theirs_not_bought_recently_with_the_reasons()
    {
        var (db, data) = await BuiltAsync();
        await using var _ = db;

        var cai = await db.Get<RecommendationService>().ForMemberAsync(data.Cai, TestUsers.Staff, CancellationToken.None);

        // Cai bought tea twice (the last 5 days ago: recent, left out) and a muffin once, 75 days ago. Muffin: 1 (their
        // own) + (1 + ln 2) × 1/2 from tea; latte: (1 + ln 2) × 1/√6 from tea + 1 × 1/√6 from muffin; croissant the same (ties by id).
        Assert.Equal(["Muffin", "Latte", "Croissant"], cai.Products.Select(p => p.Name));
        Assert.Equal(["Tea"], cai.Products[0].Because);
        Assert.Equal(["Tea", "Muffin"], cai.Products[1].Because);
    }

    [Fact]
    public async Task The_scores_of_the_item_based_recommender_are_the_known_sums()
    {
        var (db, data) = await BuiltAsync();
        await using var _ = db;
        var model = await db.Get<RecommendationBuilder>().ComputeAsync(db.Clock.UtcNow, CancellationToken.None);

        var picks = model.ForMember(new Dictionary<int, int> { [data.Tea] = 2, [data.Muffin] = 1 }, new HashSet<int> { data.Latte, data.Croissant, data.Muffin }, 5);

        Assert.Equal(1 + (1 + Math.Log(2)) * 0.5, picks[0].Score, 9);
        Assert.Equal((1 + Math.Log(2)) / Math.Sqrt(6) + 1 / Math.Sqrt(6), picks[1].Score, 9);
    }

    [Fact]
    public async Task Nothing_is_suggested_before_the_first_build()
    {
        await using var db = await TestDatabase.CreateAsync();
        var data = await RecommendationData.AddAsync(db);
        var service = db.Get<RecommendationService>();

        Assert.Empty(await service.ForBasketAsync([data.Latte], TestUsers.Staff, CancellationToken.None));
        var dee = await service.ForMemberAsync(data.Dee, TestUsers.Staff, CancellationToken.None);
        Assert.Empty(dee.Products);
        Assert.Equal(new VisitRhythm(3, 13, 40), dee.Rhythm);
    }
}
