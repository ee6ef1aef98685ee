namespace MemberCards.Members;

public sealed record MemberRow(
    int Id,
    string CardNumber,
    string Name,
    string? Phone,
    string? Email,
    MemberTier Tier,
    MemberStatus Status,
    DateTime JoinedAt,
    int PurchaseCount,
    long TotalSpentMinor,
    DateTime? LastPurchaseAt);

/// <summary>One page of the members grid. <see cref="SortBy"/> names a <see cref="MemberRow"/> property.</summary>
public sealed record MemberListQuery(string? Search = null, string? SortBy = null, bool Descending = false, int Page = 0, int PageSize = 25);

public sealed record MemberListPage(IReadOnlyList<MemberRow> Rows, int Total);
