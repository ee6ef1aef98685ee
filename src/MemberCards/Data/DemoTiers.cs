using MemberCards.Members;
using MemberCards.Tiers;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Data;

/// <summary>
/// The demo shop's tiers, set once its history is written, as a shop that has just set them up would. The presets'
/// ¥1,000 / ¥3,000 / ¥8,000 over 12 months left nearly every demo member Bronze, so the thresholds come from the
/// shop's own members: about 60 % Bronze, 25 % Silver, 12 % Gold and 3 % Platinum by their last 12 months' spend,
/// rounded down to two significant figures. Every member then gets the tier their history reaches, and the tiers
/// their member prices and points multipliers: Silver 9.8折 ×1.2, Gold 9.5折 ×1.5, Platinum 9折 ×2.
/// </summary>
internal static class DemoTiers
{
    private static readonly (TierPreset Preset, double ShareAtOrAbove, int PriceRate, int PointsMultiplierPercent)[] Rungs =
        [(TierPreset.Silver, 0.40, 9_800, 120), (TierPreset.Gold, 0.15, 9_500, 150), (TierPreset.Platinum, 0.03, 9_000, 200)];

    public static async Task ApplyAsync(MemberCardsDb db, StoreClock clock, string by, CancellationToken cancellationToken)
    {
        await SetThresholdsAsync(db, clock, cancellationToken);
        await TierEvaluation.AssignFromHistoryAsync(db, clock, by, cancellationToken);
        foreach (var (preset, _, rate, multiplier) in Rungs)
        {
            await db.Tiers.Where(t => t.Preset == preset && t.DeletedAt == null && t.PriceRate == Tier.ListRate)
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.PriceRate, rate).SetProperty(t => t.PointsMultiplierPercent, multiplier).SetProperty(t => t.Version, t => t.Version + 1), cancellationToken);
        }
    }

    /// <summary>Each rung's threshold: the spend of the member at its share from the top; the presets stay for a shop without spend.</summary>
    private static async Task SetThresholdsAsync(MemberCardsDb db, StoreClock clock, CancellationToken cancellationToken)
    {
        var spend = await TierMeasuring.RollingYearSpendByMemberAsync(db, clock, clock.Today, cancellationToken);
        var open = await db.Members.Where(m => m.Status != MemberStatus.Closed).Select(m => m.Id).ToListAsync(cancellationToken);
        var ranked = open.Select(id => spend.GetValueOrDefault(id)).OrderByDescending(s => s).ToList();
        var below = 0L;
        foreach (var (preset, share, _, _) in Rungs)
        {
            var threshold = ranked.Count == 0 ? 0 : Math.Max(below + 1, RoundedDown(ranked[Math.Clamp((int)(share * ranked.Count) - 1, 0, ranked.Count - 1)]));
            if (threshold <= 1)
            {
                return;
            }
            await db.Tiers.Where(t => t.Preset == preset && t.DeletedAt == null && t.Measure == TierMeasure.RollingYearSpend)
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.ThresholdMinor, threshold).SetProperty(t => t.Version, t => t.Version + 1), cancellationToken);
            below = threshold;
        }
    }

    /// <summary>To two significant figures, down: 123,456 fen (¥1,234.56) → 120,000 (¥1,200).</summary>
    private static long RoundedDown(long minor)
    {
        var unit = 1L;
        while (minor / unit >= 100)
        {
            unit *= 10;
        }
        return minor / unit * unit;
    }
}
