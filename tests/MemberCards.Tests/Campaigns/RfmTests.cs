using MemberCards.Campaigns;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.Campaigns;

public sealed class RfmTests
{
    private static readonly DateTime Now = TestDatabase.DefaultNow;

    /// <summary>One member per spend, each with one purchase on the same day; returns monetary scores by spend.</summary>
    private static async Task<IReadOnlyList<(long Spend, int M)>> MonetaryScoresAsync(params int[] coffees)
    {
        await using var db = await TestDatabase.CreateAsync();
        var coffee = await db.AddProductAsync("Coffee", 100);
        foreach (var (quantity, i) in coffees.Select((q, i) => (q, i)))
        {
            await db.RecordAsync(await db.AddMemberAsync($"Member {i}"), Now.AddDays(-1), (coffee, quantity));
        }
        var members = (await db.Get<SegmentService>().PageAsync(new SegmentCriteria(), 0, 100, true, TestUsers.Marketing, CancellationToken.None)).Rows;
        return [.. members.OrderBy(m => m.SpendMinor).ThenBy(m => m.MemberId).Select(m => (m.SpendMinor / 100, m.Rfm!.M))];
    }

    [Fact]
    public async Task Ten_distinct_values_fall_two_to_each_quintile()
    {
        var scores = await MonetaryScoresAsync(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        Assert.Equal([1, 1, 2, 2, 3, 3, 4, 4, 5, 5], scores.Select(s => s.M));
    }

    [Fact]
    public async Task Quintile_edges_with_counts_not_divisible_by_five()
    {
        // Score = 1 + 5 × (rank − 1) / n, integer division: ranks 1..7 give 0,0,1,2,2,3,4.
        Assert.Equal([1, 1, 2, 3, 3, 4, 5], (await MonetaryScoresAsync(1, 2, 3, 4, 5, 6, 7)).Select(s => s.M));
        Assert.Equal([1, 2, 3, 4, 5], (await MonetaryScoresAsync(5, 1, 4, 2, 3)).Select(s => s.M));
        Assert.Equal([1], (await MonetaryScoresAsync(9)).Select(s => s.M));
    }

    [Fact]
    public async Task Equal_values_get_equal_scores_from_where_their_group_begins()
    {
        // Ranks 1, 2, 2, 2, 5 (ties share the lowest rank): scores 1, 2, 2, 2, 5.
        Assert.Equal([(1L, 1), (2L, 2), (2L, 2), (2L, 2), (5L, 5)], await MonetaryScoresAsync(2, 1, 2, 5, 2));
        Assert.All(await MonetaryScoresAsync(3, 3, 3, 3, 3, 3), s => Assert.Equal(1, s.M));
    }

    [Fact]
    public async Task Recency_counts_whole_days_and_frequency_counts_purchases_then_map_to_named_segments()
    {
        await using var db = await TestDatabase.CreateAsync();
        var coffee = await db.AddProductAsync("Coffee", 100);
        var ids = new List<int>();
        for (var daysAgo = 1; daysAgo <= 5; daysAgo++)
        {
            var member = await db.AddMemberAsync($"Away {daysAgo}");
            ids.Add(member);
            // Frequency and spend rise with recency: the most recent member bought most often.
            for (var visit = 0; visit < 6 - daysAgo; visit++)
            {
                await db.RecordAsync(member, Now.AddDays(-daysAgo - visit * 3), (coffee, 1));
            }
        }
        var members = (await db.Get<SegmentService>().PageAsync(new SegmentCriteria(), 0, 100, true, TestUsers.Marketing, CancellationToken.None)).Rows
            .ToDictionary(m => m.MemberId);

        Assert.Equal(["555", "444", "333", "222", "111"], ids.Select(id => members[id].Rfm!.ToString()));
        Assert.Equal([RfmSegment.Champions, RfmSegment.Champions, RfmSegment.Loyal, RfmSegment.Hibernating, RfmSegment.Lost],
            ids.Select(id => members[id].Rfm!.Segment));
    }

    [Fact]
    public async Task Segment_sizes_cover_everyone_who_bought_in_the_period_and_the_filter_picks_one()
    {
        var data = await CampaignData.CreateAsync();
        await using var _ = data.Db;
        var service = data.Db.Get<SegmentService>();
        var sizes = await service.RfmSizesAsync(new SegmentCriteria(), TestUsers.Marketing, CancellationToken.None);
        var members = await data.EvaluateAsync(new SegmentCriteria());

        Assert.Equal(Enum.GetValues<RfmSegment>(), sizes.Select(s => s.Segment));
        Assert.Equal(5, sizes.Sum(s => s.Members));
        Assert.Equal(8550, sizes.Sum(s => s.SpendMinor));
        foreach (var size in sizes)
        {
            var expected = members.Where(m => m.Rfm!.Segment == size.Segment).Select(m => m.Name).ToList();
            Assert.Equal(size.Members, expected.Count);
            Assert.Equal(expected, await data.NamesAsync(new SegmentCriteria { Rfm = size.Segment }));
        }
    }

    [Fact]
    public async Task The_mapping_covers_every_score_and_SQL_agrees_with_it()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var context = db.Open();
        var sql = "SELECT " + RfmSegments.SqlCase("{0}", "({1} + {2}) / 2") + " AS \"Value\"";
        for (var r = 1; r <= 5; r++)
        {
            for (var f = 1; f <= 5; f++)
            {
                for (var m = 1; m <= 5; m++)
                {
                    var inSql = await context.Database.SqlQueryRaw<int>(sql, r, f, m).SingleAsync();
                    Assert.Equal(RfmSegments.Of(r, f, m), (RfmSegment)inSql);
                }
            }
        }
        Assert.Equal(RfmSegment.Champions, RfmSegments.Of(5, 5, 4));
        Assert.Equal(RfmSegment.PotentialLoyalists, RfmSegments.Of(5, 1, 2));
        Assert.Equal(RfmSegment.CantLoseThem, RfmSegments.Of(1, 5, 5));
        Assert.Equal(RfmSegment.AtRisk, RfmSegments.Of(2, 4, 4));
        Assert.Equal(RfmSegment.Lost, RfmSegments.Of(1, 1, 1));
    }
}
