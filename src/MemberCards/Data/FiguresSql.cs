using MemberCards.Reports;

namespace MemberCards.Data;

/// <summary>
/// Recomputes each derived figure from the purchases and lines (the source) and returns only the rows where the
/// stored figure differs; a row missing on one side counts as zero there. Used by <see cref="Purchases.FiguresCheck"/>.
/// </summary>
public static class FiguresSql
{
    public const string PurchaseTotals = """
        SELECT p."Id" AS "Key", p."TotalMinor" AS "Stored", COALESCE(SUM(l."NetMinor"), 0) AS "Actual"
        FROM "Purchases" p LEFT JOIN "PurchaseLines" l ON l."PurchaseId" = p."Id"
        GROUP BY p."Id", p."TotalMinor"
        HAVING p."TotalMinor" <> COALESCE(SUM(l."NetMinor"), 0)
        ORDER BY 1
        """;

    public const string MemberFigures = """
        SELECT m."Id" AS "MemberId", m."PurchaseCount" AS "StoredCount", COALESCE(a."Count", 0) AS "ActualCount",
            m."TotalSpentMinor" AS "StoredSpent", COALESCE(a."Spent", 0) AS "ActualSpent", m."LastPurchaseAt" AS "StoredLast", a."Last" AS "ActualLast"
        FROM "Members" m LEFT JOIN (
            SELECT "MemberId", COUNT(*) AS "Count", SUM("TotalMinor") AS "Spent", MAX("PurchasedAt") AS "Last"
            FROM "Purchases" WHERE "VoidedAt" IS NULL GROUP BY "MemberId"
        ) a ON a."MemberId" = m."Id"
        WHERE m."PurchaseCount" <> COALESCE(a."Count", 0) OR m."TotalSpentMinor" <> COALESCE(a."Spent", 0) OR m."LastPurchaseAt" IS DISTINCT FROM a."Last"
        ORDER BY 1
        """;

    public static string RevenueBuckets { get; } = $"""
        SELECT COALESCE(s."StartMs", a."StartMs") AS "StartMs", COALESCE(s."RevenueMinor", 0) AS "StoredRevenue", COALESCE(a."Revenue", 0) AS "ActualRevenue",
            COALESCE(s."Purchases", 0) AS "StoredPurchases", COALESCE(a."Purchases", 0) AS "ActualPurchases"
        FROM "RevenueBuckets" s FULL OUTER JOIN (
            SELECT "PurchasedAt" / {RevenueBucket.WidthMs} * {RevenueBucket.WidthMs} AS "StartMs", SUM("TotalMinor") AS "Revenue", COUNT(*) AS "Purchases"
            FROM "Purchases" WHERE "VoidedAt" IS NULL GROUP BY 1
        ) a ON a."StartMs" = s."StartMs"
        WHERE COALESCE(s."RevenueMinor", 0) <> COALESCE(a."Revenue", 0) OR COALESCE(s."Purchases", 0) <> COALESCE(a."Purchases", 0)
        ORDER BY 1
        """;

    public static string ProductSalesDays { get; } = $"""
        SELECT COALESCE(s."DayMs", a."DayMs") AS "DayMs", COALESCE(s."ProductId", a."ProductId") AS "ProductId", COALESCE(s."Category", a."Category") AS "Category",
            COALESCE(s."RevenueMinor", 0) AS "StoredRevenue", COALESCE(a."Revenue", 0) AS "ActualRevenue",
            COALESCE(s."Quantity", 0) AS "StoredQuantity", COALESCE(a."Quantity", 0) AS "ActualQuantity"
        FROM "ProductSalesDays" s FULL OUTER JOIN (
            SELECT p."PurchasedAt" / {ProductSalesDay.WidthMs} * {ProductSalesDay.WidthMs} AS "DayMs", l."ProductId", l."Category",
                SUM(l."NetMinor") AS "Revenue", SUM(l."Quantity") AS "Quantity"
            FROM "PurchaseLines" l JOIN "Purchases" p ON p."Id" = l."PurchaseId"
            WHERE p."VoidedAt" IS NULL GROUP BY 1, 2, 3
        ) a ON a."DayMs" = s."DayMs" AND a."ProductId" = s."ProductId" AND a."Category" = s."Category"
        WHERE COALESCE(s."RevenueMinor", 0) <> COALESCE(a."Revenue", 0) OR COALESCE(s."Quantity", 0) <> COALESCE(a."Quantity", 0)
        ORDER BY 1, 2, 3
        """;
}
