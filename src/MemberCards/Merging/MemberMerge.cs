using MemberCards.Members;

namespace MemberCards.Merging;

/// <summary>
/// Two memberships of one customer made one: the absorbed member's purchases, top-ups, coupons, points lots and card
/// history moved to the kept member, and its stored value and points with a ledger transfer. It records what it
/// moved (<see cref="MemberMergeMove"/>) and what it changed, so an unmerge puts back exactly that, not a guess.
/// </summary>
public sealed class MemberMerge
{
    public int Id { get; set; }
    public int KeptMemberId { get; set; }
    public int AbsorbedMemberId { get; set; }
    public DateTime MergedAt { get; set; }
    public required string MergedBy { get; set; }

    /// <summary>The absorbed member's status before the merge closed it.</summary>
    public MemberStatus AbsorbedStatus { get; set; }

    // The kept member's tier standing before the merge, put back by the unmerge.
    public int KeptTierId { get; set; }
    public DateOnly? KeptTierKeptUntil { get; set; }
    public int? KeptTierFloorId { get; set; }
    public DateOnly? KeptTierFloorUntil { get; set; }

    /// <summary>The last tier change (any member's) when the merge committed: a later one of the kept member's means its tier moved since.</summary>
    public long TierChangeMark { get; set; }

    /// <summary>What the ledger transfer moved: the absorbed card's balances at the merge.</summary>
    public long MovedPrincipalMinor { get; set; }

    public long MovedBonusMinor { get; set; }
    public long MovedPoints { get; set; }

    /// <summary>The card history row under the kept member that makes the absorbed card number find them.</summary>
    public int RetiredCardId { get; set; }

    public DateTime? UnmergedAt { get; set; }
    public string? UnmergedBy { get; set; }
}

/// <summary>What kind of row a merge moved from the absorbed member to the kept one.</summary>
public enum MergeMoveKind
{
    Purchase,
    TopUp,
    Coupon,
    PointsLot,
    RetiredCard,
}

/// <summary>One row a merge moved, and what it held then that an unmerge needs unchanged (<see cref="Data.MergeSql"/>).</summary>
public sealed class MemberMergeMove
{
    public int MergeId { get; set; }
    public MergeMoveKind Kind { get; set; }
    public long RowId { get; set; }

    /// <summary>A points lot's points left, 1 for a void purchase or top-up (else 0), a coupon's <see cref="Coupons.CouponState"/>.</summary>
    public long Mark { get; set; }
}
