namespace MemberCards.Tiers;

/// <summary>A member's measures on one day (see <see cref="TierMeasure"/>), in fen.</summary>
public readonly record struct TierMeasures(long RollingYearSpendMinor, long CalendarYearSpendMinor, long LifetimeSpendMinor, long LargestTopUpMinor)
{
    public long Of(TierMeasure measure) => measure switch
    {
        TierMeasure.RollingYearSpend => RollingYearSpendMinor,
        TierMeasure.CalendarYearSpend => CalendarYearSpendMinor,
        TierMeasure.LifetimeSpend => LifetimeSpendMinor,
        TierMeasure.SingleTopUp => LargestTopUpMinor,
        _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, null),
    };

    public bool Meets(Tier tier)
    {
        ArgumentNullException.ThrowIfNull(tier);
        return tier.Rank == 0 || Of(tier.Measure) >= tier.ThresholdMinor;
    }
}

/// <summary>
/// The days a measure "as of" a day counts, in the store's dates, both ends included: the rolling year is the 12
/// months ending that day (a purchase on the same calendar day a year before is outside), the calendar year starts
/// on 1 January. The job, the what-if and the member page's sentence all count through this one definition.
/// </summary>
public readonly record struct MeasureWindow(DateOnly AsOf)
{
    public DateOnly RollingFrom => AsOf.AddMonths(-12).AddDays(1);

    public DateOnly YearFrom => new(AsOf.Year, 1, 1);
}
