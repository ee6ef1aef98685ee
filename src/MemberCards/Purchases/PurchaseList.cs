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
    string? VoidReason);

public sealed record PurchaseListPage(IReadOnlyList<PurchaseRow> Rows, int Total);
