namespace MemberCards.Members;

public sealed record MemberRow(
    int Id,
    string CardNumber,
    string Name,
    string? Phone,
    string? Email,
    Tiers.TierName Tier,
    MemberStatus Status,
    DateTime JoinedAt,
    int PurchaseCount,
    long TotalSpentMinor,
    DateTime? LastPurchaseAt,
    bool MarketingOptIn,
    string? Notes,
    int Version,
    bool Anonymized = false,
    long StoredValueMinor = 0,
    long Points = 0);

/// <summary>
/// One page of the members grid. <see cref="SortBy"/> names a <see cref="MemberRow"/> property; joined dates are
/// the store's local days, both ends included; spend bounds are in minor units, both ends included.
/// </summary>
public sealed record MemberListQuery(
    string? Search = null,
    string? SortBy = null,
    bool Descending = false,
    int Page = 0,
    int PageSize = 25,
    IReadOnlyCollection<int>? TierIds = null,
    IReadOnlyCollection<MemberStatus>? Statuses = null,
    DateOnly? JoinedFrom = null,
    DateOnly? JoinedTo = null,
    long? MinSpendMinor = null,
    long? MaxSpendMinor = null);

/// <param name="Notice">Said above the rows when the search needs explaining: a replaced card, a mistyped card number.</param>
public sealed record MemberListPage(IReadOnlyList<MemberRow> Rows, int Total, FieldError? Notice = null);
