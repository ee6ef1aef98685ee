using MemberCards.Members;

namespace MemberCards.Campaigns;

/// <summary>
/// Who belongs to a segment: members with non-void purchases in the period, narrowed by every filter that is set,
/// ranked by spend in the period. A null or empty filter means "any". Saved as JSON (<see cref="SegmentCriteriaJson"/>).
/// </summary>
public sealed record SegmentCriteria
{
    /// <summary>The period is the last N local days, today included, unless <see cref="From"/> and <see cref="To"/> are set.</summary>
    public int PeriodDays { get; init; } = 90;

    /// <summary>First local day of a fixed period (inclusive); used together with <see cref="To"/>.</summary>
    public DateOnly? From { get; init; }

    /// <summary>Last local day of a fixed period (inclusive).</summary>
    public DateOnly? To { get; init; }

    public long? MinSpendMinor { get; init; }
    public int? MinPurchases { get; init; }

    /// <summary>The member's latest purchase (any time) was within the last N local days, today included.</summary>
    public int? LastPurchaseWithinDays { get; init; }

    /// <summary>The member has bought nothing in the last N local days, today included.</summary>
    public int? LapsedDays { get; init; }

    /// <summary>Members holding one of these tiers (ids of <see cref="Tiers.Tier"/>).</summary>
    public IReadOnlyList<int> TierIds { get; init; } = [];
    public IReadOnlyList<MemberStatus> Statuses { get; init; } = [];

    /// <summary>Bought this product in the period (a non-void purchase with a line for it).</summary>
    public int? ProductId { get; init; }

    /// <summary>Bought anything of this category in the period.</summary>
    public string? Category { get; init; }

    public bool OptedInOnly { get; init; }

    /// <summary>Only members whose RFM scores over the same period map to this segment.</summary>
    public RfmSegment? Rfm { get; init; }

    /// <summary>Keep only the first N members by spend ("top 50 spenders").</summary>
    public int? Top { get; init; }

    public bool Equals(SegmentCriteria? other) =>
        other is not null && SegmentCriteriaJson.Write(this) == SegmentCriteriaJson.Write(other);

    public override int GetHashCode() => SegmentCriteriaJson.Write(this).GetHashCode(StringComparison.Ordinal);
}
