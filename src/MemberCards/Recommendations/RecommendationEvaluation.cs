using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberCards.Recommendations;

/// <summary>Who made the five picks being scored.</summary>
public enum Recommender
{
    /// <summary>"For this member": item-based collaborative filtering (<see cref="AffinityModel.ForMember"/>).</summary>
    ItemBased,

    /// <summary>"Bought together": association rules from the rest of the basket (<see cref="AffinityModel.ForBasket"/>).</summary>
    BoughtTogether,

    /// <summary>Baseline: the five products in most baskets of the training period.</summary>
    MostPopular,

    /// <summary>Baseline: the five products the member bought most often in the training period.</summary>
    OwnMostBought,
}

/// <summary>Hit rate@5: the share of cases with at least one pick in the answer; precision@5: picks in the answer ÷ 5, averaged.</summary>
public sealed record EvaluationScore(Recommender Recommender, int Cases, double HitRate, double Precision);

/// <summary>Of the members lapsing at the cut-off, the share who did not come back in the following days; the base rate is that share for every member with a rhythm.</summary>
public sealed record LapseScore(int Members, int Flagged, double Precision, double BaseRate);

/// <summary>
/// Next-basket picks: for each member who bought in the training period and comes back within the test days after
/// the cut-off, their first basket then. Baskets: its last line hidden, the rest given.
/// </summary>
public sealed record EvaluationReport(DateTime CutoffUtc, int TestDays, IReadOnlyList<EvaluationScore> NextBasket, IReadOnlyList<EvaluationScore> HiddenItem, LapseScore Lapse);

/// <summary>
/// Measures the recommenders, not claims them: trains on the purchases before a cut-off (the statistics a build at
/// that instant would make), predicts each member's next basket after it, and scores them against the obvious baselines.
/// Loads the period's purchase lines into memory: an offline command, not a screen.
/// </summary>
public sealed class RecommendationEvaluation(IDbContextFactory<MemberCardsDb> dbFactory, RecommendationBuilder builder, IOptions<MemberCardsOptions> options)
{
    public const int Take = 5;
    public const int TestDays = 30;

    private sealed record Visit(int MemberId, DateTime At, int[] Products);

    public async Task<EvaluationReport> RunAsync(DateTime cutoffUtc, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.Require(user, Roles.Manager);
        var settings = options.Value.Recommendations;
        var model = await builder.ComputeAsync(cutoffUtc, cancellationToken);
        var from = cutoffUtc.AddMonths(-settings.Months);
        var until = cutoffUtc.AddDays(TestDays);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var active = (await db.Products.Where(p => p.IsActive).Select(p => p.Id).ToListAsync(cancellationToken)).ToHashSet();
        var lines = await (from p in db.Purchases
                           where p.VoidedAt == null && p.PurchasedAt >= @from && p.PurchasedAt < until
                           from l in p.Lines
                           orderby p.Id, l.Id
                           select new { p.Id, p.MemberId, p.PurchasedAt, l.ProductId }).ToListAsync(cancellationToken);
        var visits = lines.GroupBy(l => l.Id).Select(g => new Visit(g.First().MemberId, g.First().PurchasedAt, [.. g.Select(l => l.ProductId).Distinct()])).ToList();
        var training = visits.Where(v => v.At < cutoffUtc).ToLookup(v => v.MemberId);
        var next = visits.Where(v => v.At >= cutoffUtc).GroupBy(v => v.MemberId).ToDictionary(g => g.Key, g => g.MinBy(v => v.At)!);
        var popular = training.SelectMany(g => g).SelectMany(v => v.Products).CountBy(p => p).OrderByDescending(c => c.Value).ThenBy(c => c.Key).Select(c => c.Key).ToList();

        var nextBasket = new Dictionary<Recommender, List<(bool Hit, double Precision)>> { [Recommender.ItemBased] = [], [Recommender.MostPopular] = [], [Recommender.OwnMostBought] = [] };
        var hidden = new Dictionary<Recommender, List<(bool Hit, double Precision)>> { [Recommender.BoughtTogether] = [], [Recommender.MostPopular] = [], [Recommender.OwnMostBought] = [] };
        var (members, flagged, flaggedGone, gone) = (0, 0, 0, 0);
        foreach (var history in training)
        {
            var counts = history.SelectMany(v => v.Products).CountBy(p => p).ToDictionary(c => c.Key, c => c.Value);
            var own = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key).Select(c => c.Key).ToList();
            if (VisitRhythm.Of([.. history.Select(v => v.At)], cutoffUtc) is { } rhythm)
            {
                var returned = next.ContainsKey(history.Key);
                (members, gone) = (members + 1, gone + (returned ? 0 : 1));
                (flagged, flaggedGone) = rhythm.Lapsing ? (flagged + 1, flaggedGone + (returned ? 0 : 1)) : (flagged, flaggedGone);
            }
            if (!next.TryGetValue(history.Key, out var answer))
            {
                continue;
            }
            var recent = history.Where(v => v.At >= cutoffUtc.AddDays(-settings.RecentDays)).SelectMany(v => v.Products).ToHashSet();
            var offerable = active.Except(recent).ToHashSet();
            Score(nextBasket[Recommender.ItemBased], model.ForMember(counts, offerable, Take).Select(p => p.ProductId), answer.Products);
            Score(nextBasket[Recommender.MostPopular], popular.Take(Take), answer.Products);
            Score(nextBasket[Recommender.OwnMostBought], own.Take(Take), answer.Products);
            if (answer.Products.Length >= 2)
            {
                var given = answer.Products[..^1];
                int[] target = [answer.Products[^1]];
                Score(hidden[Recommender.BoughtTogether], model.ForBasket(given, active, settings.MinimumSupport, Take).Select(p => p.ProductId), target);
                Score(hidden[Recommender.MostPopular], popular.Except(given).Take(Take), target);
                Score(hidden[Recommender.OwnMostBought], own.Except(given).Take(Take), target);
            }
        }
        return new EvaluationReport(cutoffUtc, TestDays, Summarize(nextBasket), Summarize(hidden),
            new LapseScore(members, flagged, flagged == 0 ? 0 : (double)flaggedGone / flagged, members == 0 ? 0 : (double)gone / members));
    }

    private static void Score(List<(bool Hit, double Precision)> scores, IEnumerable<int> picks, int[] answer)
    {
        var right = picks.Take(Take).Count(answer.Contains);
        scores.Add((right > 0, right / (double)Take));
    }

    private static List<EvaluationScore> Summarize(Dictionary<Recommender, List<(bool Hit, double Precision)>> scores) =>
        [.. scores.Select(s => new EvaluationScore(s.Key, s.Value.Count,
            s.Value.Count == 0 ? 0 : s.Value.Count(x => x.Hit) / (double)s.Value.Count,
            s.Value.Count == 0 ? 0 : s.Value.Average(x => x.Precision)))];
}
