namespace MemberCards.Purchases;

public sealed record PurchaseRow(
    int Id,
    DateTime PurchasedAt,
    int MemberId,
    string MemberName,
    string CardNumber,
    int Items,
    long TotalMinor,
    string RecordedBy,
    bool IsVoid,
    string? VoidReason,
    string? VoidedBy = null);

public sealed record PurchaseListPage(IReadOnlyList<PurchaseRow> Rows, int Total);

public enum VoidFilter
{
    All,
    NotVoided,
    Voided,
}

/// <summary>
/// Filters for the purchases page. Dates are the store's local days, both ends included; <see cref="Member"/> is a
/// whole card number (current or retired) or part of a name; <see cref="RecordedBy"/> is part of a user name;
/// <see cref="MemberId"/> is one member's history (the member page).
/// </summary>
public sealed record PurchaseQuery(
    DateOnly? From = null,
    DateOnly? To = null,
    string? Member = null,
    int? ProductId = null,
    string? Category = null,
    string? RecordedBy = null,
    VoidFilter Voids = VoidFilter.All,
    int Page = 0,
    int PageSize = 25,
    int? MemberId = null);

/// <param name="MemberDiscountMinor">The member price's discount on the line (positive: taken off the list amount).</param>
/// <param name="NetMinor">What the line counts for: its list amount (quantity × unit price) less the discounts allocated to it.</param>
public sealed record PurchaseLineRow(string ProductName, string Category, int Quantity, long UnitPriceMinor, long MemberDiscountMinor, long NetMinor)
{
    public long ListMinor => Quantity * UnitPriceMinor;
}

public sealed record PurchaseDetails(
    int Id,
    DateTime PurchasedAt,
    int MemberId,
    string MemberName,
    string CardNumber,
    long TotalMinor,
    string RecordedBy,
    DateTime? VoidedAt,
    string? VoidedBy,
    string? VoidReason,
    IReadOnlyList<PurchaseLineRow> Lines)
{
    public bool IsVoid => VoidedAt is not null;
}
