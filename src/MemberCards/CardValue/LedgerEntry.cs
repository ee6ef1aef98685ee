namespace MemberCards.CardValue;

/// <summary>
/// Why a member's stored value or points moved. Stored by name, so a reader of the table sees what happened and
/// the UI translates it.
/// </summary>
public enum LedgerKind
{
    TopUp,
    Bonus,
    Spend,
    VoidReversal,
    CashOut,
    Adjustment,
    Earn,
    Redeem,
    Expire,
    OpeningBalance,

    /// <summary>A merge moved the balances from the absorbed member's card to the kept member's (a pair, out and in).</summary>
    MergeTransfer,

    /// <summary>An unmerge moved them back (a pair, each reversing its merge entry).</summary>
    UnmergeTransfer,
}

/// <summary>
/// One change of a member's card value: never updated, never deleted. A member's stored balances are the sums of
/// their entries (the figures check proves it); the balances after each entry say what the member saw then.
/// </summary>
public sealed class LedgerEntry
{
    public long Id { get; set; }
    public int MemberId { get; set; }
    public DateTime At { get; set; }
    public LedgerKind Kind { get; set; }
    public long PrincipalDeltaMinor { get; set; }
    public long BonusDeltaMinor { get; set; }
    public long PointsDelta { get; set; }
    public long PrincipalAfterMinor { get; set; }
    public long BonusAfterMinor { get; set; }
    public long PointsAfter { get; set; }
    public int? PurchaseId { get; set; }
    public int? TopUpId { get; set; }

    /// <summary>The entry a void reversal takes back, so the ledger says what each reversal undid.</summary>
    public long? ReversesEntryId { get; set; }

    public required string By { get; set; }

    /// <summary>What the person wrote (an adjustment's or a void's reason); system entries explain themselves by kind and reference.</summary>
    public string? Reason { get; set; }
}
