namespace MemberCards.Members;

public sealed class Member
{
    public int Id { get; set; }
    public required string CardNumber { get; set; }
    public required string Name { get; set; }

    /// <summary>The name folded for search (<see cref="SearchText.Fold"/>); written with the name.</summary>
    public string SearchName { get; set; } = "";

    /// <summary>
    /// The name's pinyin and its initials (<see cref="Pinyin.Of"/>: 张三 → "zhangsan", "zs"), searched by prefix;
    /// empty for a name with no Chinese character. Null only for a row written before the columns existed, until
    /// the start-up backfill folds it (<see cref="Data.PinyinBackfill"/>).
    /// </summary>
    public string? SearchPinyin { get; set; }

    public string? SearchInitials { get; set; }

    /// <summary>When the current card number was issued (joining, or the last reissue).</summary>
    public DateTime CardIssuedAt { get; set; }

    /// <summary>Set when a manager erased the personal fields; purchases stay for the totals.</summary>
    public DateTime? AnonymizedAt { get; set; }
    public string? Email { get; set; }

    /// <summary>Stored normalized (<see cref="PhoneNumber.Normalize"/>) so searching and uniqueness see one form.</summary>
    public string? Phone { get; set; }

    /// <summary>The tier held now (<see cref="Tiers.TierEvaluation"/> moves it; a manager may set it by hand).</summary>
    public int TierId { get; set; }

    public Tiers.Tier? Tier { get; set; }

    /// <summary>The last day the tier is kept before its measure is checked again; null for the entry tier.</summary>
    public DateOnly? TierKeptUntil { get; set; }

    /// <summary>A tier a manager set by hand is a floor until its end date: automatic changes never go below it.</summary>
    public int? TierFloorId { get; set; }

    public DateOnly? TierFloorUntil { get; set; }
    public MemberStatus Status { get; set; }
    public DateTime JoinedAt { get; set; }
    public bool MarketingOptIn { get; set; }
    public DateTime? MarketingOptInAt { get; set; }
    public string? Notes { get; set; }

    /// <summary>The member this one was merged into (<see cref="Merging.MergeService"/>): closed, its card finds that member.</summary>
    public int? MergedIntoId { get; set; }

    /// <summary>Sets the name with its folded forms, so search always sees the name as it is.</summary>
    public void SetName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name.Trim();
        SearchName = SearchText.Fold(name);
        var pinyin = Pinyin.Of(name);
        SearchPinyin = pinyin.Full;
        SearchInitials = pinyin.Initials;
    }

    /// <summary>Bumped on every change; a save carrying an older value is refused instead of overwriting.</summary>
    public int Version { get; set; }

    // Stored figures, kept current in the same transaction as each purchase or void, so that a grid page
    // sorts on them without grouping a million purchases.
    public int PurchaseCount { get; set; }
    public long TotalSpentMinor { get; set; }
    public DateTime? LastPurchaseAt { get; set; }

    // The card's value, a cache of the member's ledger entries moved in the same transaction as each entry
    // (CardAccount), by a conditional update; the database refuses a negative stored value outright.
    public long PrincipalMinor { get; set; }
    public long BonusMinor { get; set; }

    /// <summary>Negative when the member owes points (a void took back points already spent).</summary>
    public long Points { get; set; }
}

public enum MemberStatus
{
    Active = 0,
    Frozen = 1,
    Closed = 2,
}
