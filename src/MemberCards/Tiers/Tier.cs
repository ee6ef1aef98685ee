namespace MemberCards.Tiers;

/// <summary>What a tier's threshold is measured on (ARCHITECTURE.md, "Tiers").</summary>
public enum TierMeasure
{
    /// <summary>Spend in the 12 months ending the day of the check (a purchase on the same day a year ago is outside).</summary>
    RollingYearSpend = 0,

    /// <summary>Spend since 1 January of the check's year.</summary>
    CalendarYearSpend = 1,

    LifetimeSpend = 2,

    /// <summary>The largest single top-up (principal paid in) in the 12 months ending the day of the check (储值5000 → 铂金).</summary>
    SingleTopUp = 3,
}

/// <summary>The four tiers every shop starts with; their names are each user's language until a manager names them.</summary>
public enum TierPreset
{
    Bronze = 0,
    Silver = 1,
    Gold = 2,
    Platinum = 3,
}

/// <summary>
/// One rung of the store's tier ladder, set by managers: what qualifies for it, the member price it gives (a rate
/// of list: 9500 = 9.5折 = 5% off), how it multiplies points, and how long it is kept once reached.
/// </summary>
public sealed class Tier
{
    /// <summary>10000 basis points = the list price.</summary>
    public const int ListRate = 10_000;

    public int Id { get; set; }

    /// <summary>0 is the entry tier every member holds at least; higher ranks have higher thresholds.</summary>
    public int Rank { get; set; }

    /// <summary>The manager's name for it; null for a preset tier not renamed, shown in each user's language.</summary>
    public string? Name { get; set; }

    public TierPreset? Preset { get; set; }

    public TierMeasure Measure { get; set; }

    /// <summary>Reached at equality (≥); 0 for the entry tier.</summary>
    public long ThresholdMinor { get; set; }

    /// <summary>The member price as a rate of list in basis points: 10000 list, 9500 = 9.5折.</summary>
    public int PriceRate { get; set; } = ListRate;

    /// <summary>Points earned × this / 100 (100: as the points rule says, 150: one and a half times).</summary>
    public int PointsMultiplierPercent { get; set; } = 100;

    /// <summary>How long the tier is kept once reached or renewed, in calendar months.</summary>
    public int KeepMonths { get; set; } = 12;

    /// <summary>Categories whose lines keep their list price (gift cards, tobacco).</summary>
    public List<string> ExcludedCategories { get; set; } = [];

    public int Version { get; set; }

    /// <summary>Deleted by a manager: kept for the history that names it, no longer held or reached.</summary>
    public DateTime? DeletedAt { get; set; }

    public TierName Label => new(Id, Rank, Name, Preset);

    /// <summary>The member price of a line: list × rate, rounded half-up to the fen (ARCHITECTURE.md, "Member price").</summary>
    public long MemberPriceOf(long listMinor, string category) =>
        ExcludedCategories.Contains(category) ? listMinor : (listMinor * PriceRate + ListRate / 2) / ListRate;
}

/// <summary>What a list shows of a tier: the manager's name, or a preset shown in each user's language; the rank sorts.</summary>
public readonly record struct TierName(int Id, int Rank, string? Name, TierPreset? Preset);
