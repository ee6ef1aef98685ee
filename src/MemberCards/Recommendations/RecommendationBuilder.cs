using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberCards.Recommendations;

/// <summary>The finished build readers now use.</summary>
public sealed record RecommendationBuildRow(int Id, DateTime FinishedAt, int Baskets, int Pairs);

/// <summary>
/// Builds the recommendation statistics off the hot path: the counts are read in SQL (<see cref="RecommendationSql"/>,
/// no write lock held), the statistics computed in memory, and the rows written with the build marked finished in one
/// short transaction, so a purchase waits at most for that. Older builds are removed then; readers move to the new one.
/// Two builds at once (two instances, a button pressed during the nightly run) each finish whole; the newest is read.
/// </summary>
public sealed class RecommendationBuilder(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock, IOptions<MemberCardsOptions> options)
{
    /// <summary>The statistics of the <see cref="RecommendationOptions.Months"/> months before <paramref name="toUtc"/>, not saved (the evaluation trains on these).</summary>
    public async Task<AffinityModel> ComputeAsync(DateTime toUtc, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ComputeAsync(db, FromFor(toUtc), toUtc, cancellationToken);
    }

    /// <summary>A full rebuild (managers, and the nightly job as the system).</summary>
    public async Task<RecommendationBuildRow> RebuildAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var name = Access.Require(user, Roles.Manager);
        var to = clock.UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var build = new RecommendationBuild { StartedAt = to, FromUtc = FromFor(to), ToUtc = to, RequestedBy = name };
        db.RecommendationBuilds.Add(build);
        await db.SaveChangesAsync(cancellationToken);
        var model = await ComputeAsync(db, build.FromUtc, build.ToUtc, cancellationToken);
        var rows = model.Affinities.ToList();
        foreach (var row in rows)
        {
            row.BuildId = build.Id;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.ProductAffinities.AddRange(rows);
        build.Baskets = model.Baskets;
        build.FinishedAt = clock.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        await db.ProductAffinities.Where(a => a.BuildId < build.Id).ExecuteDeleteAsync(cancellationToken);
        await db.RecommendationBuilds.Where(b => b.Id < build.Id && (b.FinishedAt != null || b.StartedAt < to.AddDays(-1))).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RecommendationBuildRow(build.Id, build.FinishedAt.Value, build.Baskets, rows.Count);
    }

    /// <summary>The newest finished build, or null before the first.</summary>
    public async Task<RecommendationBuildRow?> LatestAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.RecommendationBuilds.AsNoTracking().Where(b => b.FinishedAt != null).OrderByDescending(b => b.Id)
            .Select(b => new RecommendationBuildRow(b.Id, b.FinishedAt!.Value, b.Baskets, db.ProductAffinities.Count(a => a.BuildId == b.Id)))
            .FirstOrDefaultAsync(cancellationToken);
    }

    private DateTime FromFor(DateTime toUtc) => toUtc.AddMonths(-options.Value.Recommendations.Months);

    private static async Task<AffinityModel> ComputeAsync(MemberCardsDb db, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken)
    {
        var (from, to) = (UnixMilliseconds.From(fromUtc), UnixMilliseconds.From(toUtc));
        var baskets = await RecommendationSql.BasketsAsync(db, from, to, cancellationToken);
        var products = await RecommendationSql.ProductsAsync(db, from, to, cancellationToken);
        var pairs = await RecommendationSql.PairsAsync(db, from, to, cancellationToken);
        return AffinityModel.FromCounts(baskets, products, pairs);
    }
}
