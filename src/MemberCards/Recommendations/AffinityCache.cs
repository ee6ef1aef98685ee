using MemberCards.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Recommendations;

/// <summary>
/// The newest finished build's statistics, held in memory between calls (a few thousand rows): each reader asks
/// only which build is newest, one lookup on a tiny table, and loads the rows again when another instance or the
/// job finished a newer one.
/// </summary>
public sealed class AffinityCache
{
    private (int BuildId, AffinityModel Model)? _held;

    public async Task<AffinityModel?> LatestAsync(MemberCardsDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var latest = await db.RecommendationBuilds.Where(b => b.FinishedAt != null).OrderByDescending(b => b.Id)
            .Select(b => new { b.Id, b.Baskets }).FirstOrDefaultAsync(cancellationToken);
        if (latest is null)
        {
            return null;
        }
        var held = _held;
        if (held?.BuildId == latest.Id)
        {
            return held.Value.Model;
        }
        var rows = await db.ProductAffinities.AsNoTracking().Where(a => a.BuildId == latest.Id).ToListAsync(cancellationToken);
        var model = new AffinityModel(latest.Baskets, rows);
        _held = (latest.Id, model);
        return model;
    }
}
