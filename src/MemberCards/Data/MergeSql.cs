using MemberCards.Coupons;
using MemberCards.Merging;

namespace MemberCards.Data;

/// <summary>
/// The set-wise statements of a merge and its unmerge, the same text on SQLite and PostgreSQL: each records the rows
/// it moves, moves them in one statement per table, and moves back exactly the rows recorded. Parameters are
/// positional ({0}, {1}) for <c>ExecuteSqlRawAsync</c>.
/// </summary>
public static class MergeSql
{
    /// <summary>Every table whose rows a merge moves to the kept member, with the kind its moves are recorded under.</summary>
    public static IReadOnlyList<(MergeMoveKind Kind, string Table)> Moved { get; } =
    [
        (MergeMoveKind.Purchase, "Purchases"),
        (MergeMoveKind.TopUp, "TopUps"),
        (MergeMoveKind.Coupon, "Coupons"),
        (MergeMoveKind.PointsLot, "PointsLots"),
        (MergeMoveKind.RetiredCard, "RetiredCards"),
    ];

    /// <summary>{0}: the merge, {1}: the absorbed member. Each row with its <see cref="MemberMergeMove.Mark"/>.</summary>
    public static string Record(MergeMoveKind kind, string table) => $$"""
        INSERT INTO "MemberMergeMoves" ("MergeId", "Kind", "RowId", "Mark")
        SELECT {0}, '{{kind}}', "Id", {{Mark(kind)}} FROM "{{table}}" WHERE "MemberId" = {1}
        """;

    private static string Mark(MergeMoveKind kind) => kind switch
    {
        MergeMoveKind.PointsLot => "\"RemainingPoints\"",
        MergeMoveKind.Purchase or MergeMoveKind.TopUp => "CASE WHEN \"VoidedAt\" IS NULL THEN 0 ELSE 1 END",
        MergeMoveKind.Coupon => $"CASE \"State\" {string.Concat(Enum.GetValues<CouponState>().Select(s => $"WHEN '{s}' THEN {(int)s} "))}END",
        _ => "0",
    };

    /// <summary>{0}: the absorbed member, {1}: the kept member.</summary>
    public static string MoveToKept(string table) => $$"""UPDATE "{{table}}" SET "MemberId" = {1} WHERE "MemberId" = {0}""";

    /// <summary>{0}: the absorbed member, {1}: the merge.</summary>
    public static string MoveBack(MergeMoveKind kind, string table) => $$"""
        UPDATE "{{table}}" SET "MemberId" = {0}
        WHERE "Id" IN (SELECT "RowId" FROM "MemberMergeMoves" WHERE "MergeId" = {1} AND "Kind" = '{{kind}}')
        """;

    /// <summary>Both members' stored figures recomputed from their purchases ({0}, {1}): a merge moves whole histories.</summary>
    public const string RecomputeFigures = """
        UPDATE "Members" SET
            "PurchaseCount" = (SELECT COUNT(*) FROM "Purchases" p WHERE p."MemberId" = "Members"."Id" AND p."VoidedAt" IS NULL),
            "TotalSpentMinor" = COALESCE((SELECT SUM(p."TotalMinor") FROM "Purchases" p WHERE p."MemberId" = "Members"."Id" AND p."VoidedAt" IS NULL), 0),
            "LastPurchaseAt" = (SELECT MAX(p."PurchasedAt") FROM "Purchases" p WHERE p."MemberId" = "Members"."Id" AND p."VoidedAt" IS NULL)
        WHERE "Id" IN ({0}, {1})
        """;
}
