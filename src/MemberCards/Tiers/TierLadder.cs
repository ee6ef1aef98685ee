namespace MemberCards.Tiers;

/// <summary>Where a member stands: the tier held, until when, and a floor a manager set by hand.</summary>
public readonly record struct TierStanding(int TierId, DateOnly? KeptUntil, int? FloorId = null, DateOnly? FloorUntil = null)
{
    /// <summary>The floor still in force on <paramref name="day"/> (its end date included).</summary>
    public int? FloorOn(DateOnly day) => FloorUntil is { } until && until >= day ? FloorId : null;
}

/// <summary>What an evaluation decided: the new standing and the measure that decided it.</summary>
public sealed record TierDecision(TierChangeKind Kind, int FromTierId, TierStanding To, long MeasureMinor);

/// <summary>How the nightly review moves a member whose measure no longer meets their tier.</summary>
public enum TierDowngrade
{
    /// <summary>One tier at a time: the next check may take them down again.</summary>
    OneStep = 0,

    /// <summary>Straight to the highest tier the measure meets.</summary>
    ToQualifying = 1,
}

/// <summary>
/// The store's tiers in rank order and the rules that move a member between them (ARCHITECTURE.md, "Tiers"):
/// upgrades at once, a tier is kept until its kept-until date, then checked; a manual tier is a floor until its end.
/// Pure: the callers read measures and write decisions.
/// </summary>
public sealed class TierLadder
{
    public TierLadder(IEnumerable<Tier> tiers)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        Tiers = [.. tiers.OrderBy(t => t.Rank)];
        if (Tiers.Count == 0)
        {
            throw new ArgumentException("A store has at least its entry tier.", nameof(tiers));
        }
    }

    public IReadOnlyList<Tier> Tiers { get; }

    public Tier Entry => Tiers[0];

    public Tier this[int tierId] => Tiers.FirstOrDefault(t => t.Id == tierId)
        ?? throw new KeyNotFoundException($"Tier {tierId} is not one of the store's tiers.");

    /// <summary>The highest tier the measures meet (the entry tier always).</summary>
    public Tier Qualifying(TierMeasures measures) => Tiers.Last(measures.Meets);

    /// <summary>The tier ranked next above, or null at the top.</summary>
    public Tier? Above(Tier tier) => Tiers.FirstOrDefault(t => t.Rank > tier.Rank);

    public Tier? Below(Tier tier) => Tiers.LastOrDefault(t => t.Rank < tier.Rank);

    /// <summary>The kept-until date of a tier reached or renewed on <paramref name="day"/>: none for the entry tier.</summary>
    public static DateOnly? KeptUntil(Tier tier, DateOnly day) => tier.Rank == 0 ? null : day.AddMonths(tier.KeepMonths);

    /// <summary>After a purchase or top-up: a higher tier whose threshold the measures now meet is reached at once.</summary>
    public TierDecision? Upgrade(TierStanding standing, TierMeasures measures, DateOnly today)
    {
        var held = this[standing.TierId];
        var reached = Qualifying(measures);
        return reached.Rank > held.Rank
            ? new TierDecision(TierChangeKind.Upgraded, held.Id, standing with { TierId = reached.Id, KeptUntil = KeptUntil(reached, today) }, measures.Of(reached.Measure))
            : null;
    }

    /// <summary>
    /// The check on the day after the kept-until date <c>D</c>, on the measures as of D: met → kept for another period
    /// from D; not met → down one step or to the qualifying tier, never below a floor still in force.
    /// </summary>
    public TierDecision Review(TierStanding standing, TierMeasures measuresAsOfKeptUntil, TierDowngrade downgrade)
    {
        var day = standing.KeptUntil ?? throw new ArgumentException("Only a tier with a kept-until date is reviewed.", nameof(standing));
        var held = this[standing.TierId];
        if (measuresAsOfKeptUntil.Meets(held))
        {
            return new TierDecision(TierChangeKind.Renewed, held.Id, standing with { KeptUntil = KeptUntil(held, day) }, measuresAsOfKeptUntil.Of(held.Measure));
        }
        var down = downgrade == TierDowngrade.OneStep ? Below(held)! : Qualifying(measuresAsOfKeptUntil);
        var keptUntil = KeptUntil(down, day);
        if (standing.FloorOn(day.AddDays(1)) is { } floorId && this[floorId].Rank > down.Rank)
        {
            (down, keptUntil) = (this[floorId], standing.FloorUntil);
        }
        return new TierDecision(TierChangeKind.Downgraded, held.Id, standing with { TierId = down.Id, KeptUntil = keptUntil }, measuresAsOfKeptUntil.Of(held.Measure));
    }
}
