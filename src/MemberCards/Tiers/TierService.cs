using System.Globalization;
using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Auditing;
using MemberCards.Data;
using MemberCards.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberCards.Tiers;

/// <summary>How many members hold a tier now and how many would under the rules being edited.</summary>
public sealed record TierPreviewRow(int Row, int HeldNow, int UnderNewRules);

/// <summary>
/// The tier table, set by managers: read it, preview an edit against the stored history (how many members each
/// tier would hold) and save it whole — refused when another manager saved meanwhile, when a threshold doesn't
/// rise, or when a deleted tier is still held.
/// </summary>
public sealed class TierService(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock, IOptions<MemberCardsOptions> options)
{
    private readonly CultureInfo _culture = CultureInfo.GetCultureInfo(options.Value.Culture);

    private int LowestPriceRate => options.Value.Tiers.LowestPriceRate;

    /// <summary>The store's tiers in rank order (any signed-in user: the grid and the till show them).</summary>
    public async Task<IReadOnlyList<Tier>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return (await TierEvaluation.LadderAsync(db, cancellationToken)).Tiers;
    }

    public async Task<Result<IReadOnlyList<TierPreviewRow>>> PreviewAsync(IReadOnlyList<TierInput> table, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        Access.Require(user, Roles.Manager);
        if (TierRules.Validate(table, LowestPriceRate, _culture).ToList() is { Count: > 0 } errors)
        {
            return Result<IReadOnlyList<TierPreviewRow>>.Refused(errors);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var open = db.Members.Where(m => m.Status != MemberStatus.Closed);
        var heldNow = await open.GroupBy(m => m.TierId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var ladder = new TierLadder(table.Select((t, row) =>
        {
            var tier = t.ToTier(row);
            tier.Id = row + 1;
            return tier;
        }));
        var under = await MembersByRankAsync(db, ladder, cancellationToken);
        // Members with no purchase or top-up at all qualify for the entry tier only.
        under[0] = under.GetValueOrDefault(0) + heldNow.Values.Sum() - under.Values.Sum();
        return Result<IReadOnlyList<TierPreviewRow>>.Ok([.. table.Select((t, row) => new TierPreviewRow(row, t.Id == 0 ? 0 : heldNow.GetValueOrDefault(t.Id), under.GetValueOrDefault(row)))]);
    }

    /// <summary>
    /// How many open members with a purchase or top-up would hold each rank under <paramref name="ladder"/> today,
    /// counted in the database (<see cref="TierSql.MembersByRank"/>): only the measures the ladder uses are read.
    /// </summary>
    private async Task<Dictionary<int, int>> MembersByRankAsync(MemberCardsDb db, TierLadder ladder, CancellationToken cancellationToken)
    {
        var rungs = ladder.Tiers.Where(t => t.Rank > 0).ToList();
        if (rungs.Count == 0)
        {
            return [];
        }
        var window = new MeasureWindow(clock.Today);
        var (sql, args) = TierSql.MembersByRank(SqlDialect.Of(db.Database), rungs, UnixMilliseconds.From(clock.StartOfDayUtc(window.RollingFrom)),
            UnixMilliseconds.From(clock.StartOfDayUtc(window.YearFrom)), UnixMilliseconds.From(clock.StartOfDayUtc(window.AsOf.AddDays(1))));
        return await db.Database.SqlQueryRaw<RankCount>(sql, args).ToDictionaryAsync(r => r.Rank, r => (int)r.Members, cancellationToken);
    }

    private sealed record RankCount(int Rank, long Members);

    /// <summary>
    /// Saves the whole table: rows kept are updated, new rows added, rows left out deleted (kept for the history that
    /// names them). <paramref name="loaded"/> is every tier the editor loaded with its version: a table saved by
    /// someone else since is refused, whatever they changed.
    /// </summary>
    public async Task<Result<IReadOnlyList<Tier>>> SaveAsync(IReadOnlyList<TierInput> table, IReadOnlyList<(int Id, int Version)> loaded, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(loaded);
        var by = Access.Require(user, Roles.Manager);
        if (TierRules.Validate(table, LowestPriceRate, _culture).ToList() is { Count: > 0 } errors)
        {
            return Result<IReadOnlyList<Tier>>.Refused(errors);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Two managers saving at once on PostgreSQL: the second waits here, then finds the table changed.
        await SqlDialect.Of(db.Database).LockRowAsync(db.Database, "Tiers", await TierEvaluation.EntryTierIdAsync(db, cancellationToken), cancellationToken);
        var current = await db.Tiers.Where(t => t.DeletedAt == null).ToListAsync(cancellationToken);
        if (!current.Select(t => (t.Id, t.Version)).ToHashSet().SetEquals(loaded))
        {
            return Result<IReadOnlyList<Tier>>.Refused("", MessageCode.TierTableChanged);
        }
        var keptIds = table.Where(t => t.Id != 0).Select(t => t.Id).ToHashSet();
        var removed = current.Where(t => !keptIds.Contains(t.Id)).ToList();
        var removedIds = removed.Select(t => t.Id).ToList();
        var holding = await db.Members.CountAsync(m => m.Status != MemberStatus.Closed && (removedIds.Contains(m.TierId) || (m.TierFloorId != null && removedIds.Contains(m.TierFloorId.Value))), cancellationToken);
        if (holding > 0)
        {
            return Result<IReadOnlyList<Tier>>.Refused("", MessageCode.TierHeldCannotDelete, holding);
        }
        var now = clock.UtcNow;
        // Ranks are unique: park every kept tier's rank out of the way first, so two tiers can swap places.
        foreach (var tier in current)
        {
            tier.Rank = -tier.Id;
        }
        foreach (var tier in removed)
        {
            tier.DeletedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);
        for (var row = 0; row < table.Count; row++)
        {
            var edited = table[row].ToTier(row);
            var tier = current.SingleOrDefault(t => t.Id == edited.Id);
            if (tier is null)
            {
                edited.Id = 0;
                db.Tiers.Add(edited);
                continue;
            }
            (tier.Rank, tier.Name, tier.Preset, tier.Measure, tier.ThresholdMinor) = (edited.Rank, edited.Name, edited.Preset, edited.Measure, edited.ThresholdMinor);
            (tier.PriceRate, tier.PointsMultiplierPercent, tier.KeepMonths, tier.ExcludedCategories) = (edited.PriceRate, edited.PointsMultiplierPercent, edited.KeepMonths, edited.ExcludedCategories);
            tier.Version++;
        }
        AuditLog.Add(db, now, by, AuditActions.TiersSaved, nameof(Tier), null, new { Tiers = table, Deleted = removedIds });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<IReadOnlyList<Tier>>.Ok((await TierEvaluation.LadderAsync(db, cancellationToken)).Tiers);
    }
}
