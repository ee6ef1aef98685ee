namespace MemberCards.CardValue;

/// <summary>
/// Points earned at one time, with their own expiry: redemptions take from the soonest-expiring lot first, the
/// expiry job empties lots past their date. The remaining points of all lots are the member's points, unless
/// the member owes points (a void took back points already spent): then every lot is empty.
/// </summary>
public sealed class PointsLot
{
    public long Id { get; set; }
    public int MemberId { get; set; }
    public long EntryId { get; set; }
    public LedgerEntry? Entry { get; set; }
    public DateTime EarnedAt { get; set; }

    /// <summary>The last store day the points can be spent (null: never expire); the job expires them the day after.</summary>
    public DateOnly? ExpiresOn { get; set; }

    public long EarnedPoints { get; set; }
    public long RemainingPoints { get; set; }
}

/// <summary>Which lots a redemption (or a taking back) drew from, so a void gives each lot back its own points.</summary>
public sealed class PointsLotUse
{
    public long Id { get; set; }
    public long EntryId { get; set; }
    public LedgerEntry? Entry { get; set; }
    public long LotId { get; set; }
    public PointsLot? Lot { get; set; }
    public long Points { get; set; }
}
