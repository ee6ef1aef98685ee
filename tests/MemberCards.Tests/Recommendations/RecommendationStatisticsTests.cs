using MemberCards.Accounts;
using MemberCards.Recommendations;

namespace MemberCards.Tests.Recommendations;

public sealed class RecommendationStatisticsTests
{
    [Fact]
    public async Task Pair_statistics_have_the_known_support_confidence_and_lift()
    {
        await using var db = await TestDatabase.CreateAsync();
        var data = await RecommendationData.AddAsync(db);

        var build = await db.Get<RecommendationBuilder>().RebuildAsync(TestUsers.Manager, CancellationToken.None);
        var model = await db.Get<RecommendationBuilder>().ComputeAsync(db.Clock.UtcNow, CancellationToken.None);

        Assert.Equal(10, build.Baskets);
        var latteCroissant = model.Find(data.Latte, data.Croissant)!;
        Assert.Equal(4, latteCroissant.PairBaskets);
        Assert.Equal(0.4, latteCroissant.Support, 9);
        Assert.Equal(4 / 6.0, latteCroissant.Confidence, 9);
        Assert.Equal(0.4 / (0.6 * 0.5), latteCroissant.Lift, 9);
        Assert.Equal(4 / 5.0, model.Find(data.Croissant, data.Latte)!.Confidence, 9);
        // Latte and muffin shared one basket of ten: less than chance for a product in six baskets and one in two.
        Assert.Equal(0.1 / (0.6 * 0.2), model.Find(data.Latte, data.Muffin)!.Lift, 9);
        Assert.Equal(1 / 3.0, model.Find(data.Tea, data.Muffin)!.Confidence, 9);
    }

    [Fact]
    public async Task Item_similarity_is_the_cosine_over_members_who_bought_each()
    {
        await using var db = await TestDatabase.CreateAsync();
        var data = await RecommendationData.AddAsync(db);

        var model = await db.Get<RecommendationBuilder>().ComputeAsync(db.Clock.UtcNow, CancellationToken.None);

        Assert.Equal(1.0, model.Find(data.Latte, data.Croissant)!.Similarity, 9);
        Assert.Equal(1 / Math.Sqrt(6), model.Find(data.Latte, data.Tea)!.Similarity, 9);
        Assert.Equal(0.5, model.Find(data.Tea, data.Muffin)!.Similarity, 9);
        Assert.Equal(1 / Math.Sqrt(3), model.Find(data.Scone, data.Latte)!.Similarity, 9);
        // Tea and croissant were never in one basket, but Dee bought both.
        Assert.Equal(0, model.Find(data.Tea, data.Croissant)!.PairBaskets);
        Assert.Null(model.Find(data.Ann, data.Ann));
    }

    [Fact]
    public async Task A_void_purchase_and_one_older_than_the_period_count_for_nothing()
    {
        await using var db = await TestDatabase.CreateAsync();
        var data = await RecommendationData.AddAsync(db);
        await db.RecordAsync(data.Ann, db.Clock.UtcNow.AddMonths(-13), (data.Latte, 1), (data.Tea, 1));
        var voided = await db.RecordAsync(data.Ann, db.Clock.UtcNow.AddDays(-1), (data.Latte, 1), (data.Tea, 1));
        Assert.True((await db.Get<MemberCards.Purchases.PurchaseService>().VoidAsync(voided, "Entered twice", TestUsers.Manager, CancellationToken.None)).Succeeded);

        var build = await db.Get<RecommendationBuilder>().RebuildAsync(TestUsers.Manager, CancellationToken.None);

        Assert.Equal(10, build.Baskets);
    }

    [Fact]
    public async Task Readers_move_to_the_newest_finished_build_and_older_builds_are_removed()
    {
        await using var db = await TestDatabase.CreateAsync();
        var data = await RecommendationData.AddAsync(db);
        var builder = db.Get<RecommendationBuilder>();
        var first = await builder.RebuildAsync(TestUsers.Manager, CancellationToken.None);
        Assert.Single(await db.Get<RecommendationService>().ForBasketAsync([data.Latte], TestUsers.Staff, CancellationToken.None));

        for (var i = 0; i < 6; i++)
        {
            await db.RecordAsync(data.Ben, db.Clock.UtcNow.AddDays(-2), (data.Latte, 1), (data.Muffin, 1));
        }
        var second = await builder.RebuildAsync(TestUsers.Manager, CancellationToken.None);

        Assert.True(second.Id > first.Id);
        Assert.Equal(16, second.Baskets);
        Assert.Equal(second, await builder.LatestAsync(CancellationToken.None));
        Assert.Contains(data.Muffin, (await db.Get<RecommendationService>().ForBasketAsync([data.Latte], TestUsers.Staff, CancellationToken.None)).Select(s => s.ProductId));
        await using var context = db.Open();
        Assert.Equal([second.Id], context.RecommendationBuilds.Select(b => b.Id).ToList());
        Assert.All(context.ProductAffinities.ToList(), a => Assert.Equal(second.Id, a.BuildId));
    }

    [Fact]
    public async Task Only_a_manager_rebuilds()
    {
        await using var db = await TestDatabase.CreateAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(() => db.Get<RecommendationBuilder>().RebuildAsync(TestUsers.Staff, CancellationToken.None));
    }
}
