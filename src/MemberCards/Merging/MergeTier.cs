using MemberCards.Data;
using MemberCards.Tiers;

namespace MemberCards.Merging;

/// <summary>
/// The kept member's tier through a merge and its unmerge, by the tier rules (<see cref="TierEvaluation"/>): a merge
/// gives the better of the two members' tiers (each was earned by the same customer) and then any higher tier the
/// merged history reaches at once; an unmerge puts back the tier held before, and any higher one the kept member's
/// own history reaches.
/// </summary>
internal static class MergeTier
{
    public static async Task AfterMergeAsync(MemberCardsDb db, StoreClock clock, int keptId, TierStanding absorbed, TierCause cause, CancellationToken cancellationToken)
    {
        var ladder = await TierEvaluation.LadderAsync(db, cancellationToken);
        var (standing, measures) = await TierMeasuring.StandingAndMeasuresAsync(db, clock, keptId, clock.Today, cancellationToken);
        var better = ladder[absorbed.TierId].Rank > ladder[standing.TierId].Rank
            ? standing with { TierId = absorbed.TierId, KeptUntil = absorbed.KeptUntil }
            : standing;
        await MoveAsync(db, ladder, keptId, standing, ladder.Upgrade(better, measures, clock.Today)?.To ?? better, measures, TierChangeKind.Merged, cause, cancellationToken);
    }

    public static async Task AfterUnmergeAsync(MemberCardsDb db, StoreClock clock, int keptId, TierStanding before, TierCause cause, CancellationToken cancellationToken)
    {
        var ladder = await TierEvaluation.LadderAsync(db, cancellationToken);
        var (standing, measures) = await TierMeasuring.StandingAndMeasuresAsync(db, clock, keptId, clock.Today, cancellationToken);
        await MoveAsync(db, ladder, keptId, standing, ladder.Upgrade(before, measures, clock.Today)?.To ?? before, measures, TierChangeKind.Unmerged, cause, cancellationToken);
    }

    private static async Task MoveAsync(MemberCardsDb db, TierLadder ladder, int keptId, TierStanding standing, TierStanding to, TierMeasures measures, TierChangeKind kind,
        TierCause cause, CancellationToken cancellationToken)
    {
        if (to != standing)
        {
            var decision = new TierDecision(kind, standing.TierId, to, measures.Of(ladder[to.TierId].Measure));
            await TierEvaluation.WriteAsync(db, ladder, keptId, standing, decision, cause, cancellationToken);
        }
    }
}
