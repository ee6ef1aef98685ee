namespace MemberCards.Data;

/// <summary>
/// The SQL that moves the derived figures of a purchase, used by the single posting and the bulk load alike (each
/// statement adds a signed change, so a void is the same statement with the signs flipped). Positional
/// parameters ($1, $2 …) are bound in the order listed beside each statement. Written for SQLite and PostgreSQL
/// alike: an upsert names the old values with the table (PostgreSQL finds a bare name ambiguous with excluded's).
/// </summary>
public static class PostingSql
{
    /// <summary>$1 count change, $2 spend change, $3 a purchase time or null, $4 recompute the last purchase (1/0), $5 member id.</summary>
    /// <remarks>
    /// A posting moves the last purchase forward if it is later; a void recomputes it, since the voided one may have
    /// been the latest. $3 is cast because PostgreSQL cannot type a parameter that arrives as null.
    /// </remarks>
    public const string MoveMemberFigures = """
        UPDATE "Members" SET "PurchaseCount" = "PurchaseCount" + $1, "TotalSpentMinor" = "TotalSpentMinor" + $2,
            "LastPurchaseAt" = CASE
                WHEN $4 = 1 THEN (SELECT MAX(p."PurchasedAt") FROM "Purchases" p WHERE p."MemberId" = $5 AND p."VoidedAt" IS NULL)
                WHEN CAST($3 AS BIGINT) IS NULL THEN "LastPurchaseAt"
                WHEN "LastPurchaseAt" IS NULL OR "LastPurchaseAt" < CAST($3 AS BIGINT) THEN CAST($3 AS BIGINT)
                ELSE "LastPurchaseAt" END
        WHERE "Id" = $5
        """;

    /// <summary>$1 bucket start (ms), $2 revenue change, $3 purchase count change.</summary>
    public const string MoveRevenueBucket = """
        INSERT INTO "RevenueBuckets" ("StartMs", "RevenueMinor", "Purchases") VALUES ($1, $2, $3)
        ON CONFLICT ("StartMs") DO UPDATE SET "RevenueMinor" = "RevenueBuckets"."RevenueMinor" + excluded."RevenueMinor", "Purchases" = "RevenueBuckets"."Purchases" + excluded."Purchases"
        """;

    /// <summary>$1 UTC day start (ms), $2 product id, $3 category as sold, $4 revenue change, $5 quantity change.</summary>
    public const string MoveProductSalesDay = """
        INSERT INTO "ProductSalesDays" ("DayMs", "ProductId", "Category", "RevenueMinor", "Quantity") VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT ("DayMs", "ProductId", "Category") DO UPDATE SET "RevenueMinor" = "ProductSalesDays"."RevenueMinor" + excluded."RevenueMinor", "Quantity" = "ProductSalesDays"."Quantity" + excluded."Quantity"
        """;

    /// <summary>$1 principal, $2 bonus, $3 points, $4 member id, $5–$7 the principal, bonus and points read: moves a card's cached balances only from those read.</summary>
    public const string MoveCardBalances = """
        UPDATE "Members" SET "PrincipalMinor" = $1, "BonusMinor" = $2, "Points" = $3
        WHERE "Id" = $4 AND "PrincipalMinor" = $5 AND "BonusMinor" = $6 AND "Points" = $7
        """;

    /// <summary>$1 remaining points, $2 lot id: a lot that was open before a bulk load, as the load left it.</summary>
    public const string SetLotRemaining = """UPDATE "PointsLots" SET "RemainingPoints" = $1 WHERE "Id" = $2""";

    // Bulk load: each table's columns in the order the batch writes them.
    public static readonly IReadOnlyList<string> PurchaseColumns = ["Id", "MemberId", "PurchasedAt", "RecordedBy", "TotalMinor", "PointsRedeemed", "PointsEarned"];

    public static readonly IReadOnlyList<string> LineColumns = ["PurchaseId", "ProductId", "ProductName", "Category", "UnitPriceMinor", "Quantity", "NetMinor", "PointsDiscountMinor"];

    public static readonly IReadOnlyList<string> TenderColumns = ["PurchaseId", "Method", "Label", "AmountMinor"];

    public static readonly IReadOnlyList<string> TopUpColumns = ["Id", "MemberId", "At", "AmountMinor", "BonusMinor", "BonusPoints", "Method", "MethodLabel", "RuleId", "RecordedBy"];

    public static readonly IReadOnlyList<string> LedgerColumns =
        ["Id", "MemberId", "At", "Kind", "PrincipalDeltaMinor", "BonusDeltaMinor", "PointsDelta", "PrincipalAfterMinor", "BonusAfterMinor", "PointsAfter", "PurchaseId", "TopUpId", "ReversesEntryId", "By", "Reason"];

    public static readonly IReadOnlyList<string> LotColumns = ["Id", "MemberId", "EntryId", "EarnedAt", "ExpiresOn", "EarnedPoints", "RemainingPoints"];

    public static readonly IReadOnlyList<string> LotUseColumns = ["EntryId", "LotId", "Points"];
}
