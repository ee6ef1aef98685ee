namespace MemberCards.Tiers;

public enum TierChangeKind
{
    /// <summary>A purchase or top-up reached a higher tier's threshold.</summary>
    Upgraded = 0,

    /// <summary>At the kept-until date the measure still met the tier: kept for another period.</summary>
    Renewed = 1,

    /// <summary>At the kept-until date the measure no longer met the tier.</summary>
    Downgraded = 2,

    /// <summary>A voided purchase or top-up had caused the upgrade, and without it the measure falls short.</summary>
    Withdrawn = 3,

    /// <summary>A manager set the tier by hand, with a reason and an end date.</summary>
    SetByHand = 4,

    /// <summary>A merge gave the kept member the better of the two tiers, or the one the merged history reaches.</summary>
    Merged = 5,

    /// <summary>An unmerge put back the tier the kept member held before the merge.</summary>
    Unmerged = 6,
}

/// <summary>One change of a member's tier with why and the measure at that moment: the member page's tier history.</summary>
public sealed class TierChange
{
    public long Id { get; set; }
    public int MemberId { get; set; }
    public DateTime At { get; set; }
    public TierChangeKind Kind { get; set; }
    public int? FromTierId { get; set; }
    public int ToTierId { get; set; }

    /// <summary>The member's measure of the tier that decided (spend or top-up, in fen) at that moment.</summary>
    public long MeasureMinor { get; set; }

    public DateOnly? KeptUntil { get; set; }

    /// <summary>The kept-until date before the change, so a withdrawn upgrade puts back exactly what was there.</summary>
    public DateOnly? PreviousKeptUntil { get; set; }

    public int? PurchaseId { get; set; }
    public int? TopUpId { get; set; }
    public required string By { get; set; }

    /// <summary>The manager's reason for a tier set by hand.</summary>
    public string? Reason { get; set; }
}
