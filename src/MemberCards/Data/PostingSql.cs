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

    // The bulk load's set-wise forms of the statements above (StagedChanges): each temporary table's definition, its
    // columns in the order the rows carry them, and the one statement that applies them all.
    public const string MemberChangesTable = """
        "MemberId" INTEGER PRIMARY KEY, "Count" INTEGER NOT NULL, "SpentMinor" BIGINT NOT NULL, "Latest" BIGINT NULL, "Recompute" INTEGER NOT NULL
        """;

    public static readonly IReadOnlyList<string> MemberChangeColumns = ["MemberId", "Count", "SpentMinor", "Latest", "Recompute"];

    public const string ApplyMemberChanges = """
        UPDATE "Members" SET "PurchaseCount" = "Members"."PurchaseCount" + c."Count", "TotalSpentMinor" = "Members"."TotalSpentMinor" + c."SpentMinor",
            "LastPurchaseAt" = CASE
                WHEN c."Recompute" = 1 THEN (SELECT MAX(p."PurchasedAt") FROM "Purchases" p WHERE p."MemberId" = c."MemberId" AND p."VoidedAt" IS NULL)
                WHEN c."Latest" IS NULL THEN "Members"."LastPurchaseAt"
                WHEN "Members"."LastPurchaseAt" IS NULL OR "Members"."LastPurchaseAt" < c."Latest" THEN c."Latest"
                ELSE "Members"."LastPurchaseAt" END
        FROM "MemberChanges" c WHERE "Members"."Id" = c."MemberId"
        """;

    public const string BucketChangesTable = """
        "StartMs" BIGINT PRIMARY KEY, "RevenueMinor" BIGINT NOT NULL, "Purchases" INTEGER NOT NULL
        """;

    public static readonly IReadOnlyList<string> BucketChangeColumns = ["StartMs", "RevenueMinor", "Purchases"];

    // "WHERE true" tells SQLite's parser that ON CONFLICT belongs to the INSERT, not to a join of the SELECT.
    public const string ApplyBucketChanges = """
        INSERT INTO "RevenueBuckets" ("StartMs", "RevenueMinor", "Purchases") SELECT "StartMs", "RevenueMinor", "Purchases" FROM "BucketChanges" WHERE true
        ON CONFLICT ("StartMs") DO UPDATE SET "RevenueMinor" = "RevenueBuckets"."RevenueMinor" + excluded."RevenueMinor", "Purchases" = "RevenueBuckets"."Purchases" + excluded."Purchases"
        """;

    public const string ProductDayChangesTable = """
        "DayMs" BIGINT NOT NULL, "ProductId" INTEGER NOT NULL, "Category" TEXT NOT NULL, "RevenueMinor" BIGINT NOT NULL, "Quantity" INTEGER NOT NULL
        """;

    public static readonly IReadOnlyList<string> ProductDayChangeColumns = ["DayMs", "ProductId", "Category", "RevenueMinor", "Quantity"];

    public const string ApplyProductDayChanges = """
        INSERT INTO "ProductSalesDays" ("DayMs", "ProductId", "Category", "RevenueMinor", "Quantity")
        SELECT "DayMs", "ProductId", "Category", "RevenueMinor", "Quantity" FROM "ProductDayChanges" WHERE true
        ON CONFLICT ("DayMs", "ProductId", "Category") DO UPDATE SET "RevenueMinor" = "ProductSalesDays"."RevenueMinor" + excluded."RevenueMinor", "Quantity" = "ProductSalesDays"."Quantity" + excluded."Quantity"
        """;

    public const string CardMovesTable = """
        "MemberId" INTEGER PRIMARY KEY, "Principal" BIGINT NOT NULL, "Bonus" BIGINT NOT NULL, "Points" BIGINT NOT NULL,
        "ReadPrincipal" BIGINT NOT NULL, "ReadBonus" BIGINT NOT NULL, "ReadPoints" BIGINT NOT NULL
        """;

    public static readonly IReadOnlyList<string> CardMoveColumns = ["MemberId", "Principal", "Bonus", "Points", "ReadPrincipal", "ReadBonus", "ReadPoints"];

    /// <summary>Moves each card's cached balances only from those read: fewer rows changed than staged means a till moved a card meanwhile.</summary>
    public const string ApplyCardMoves = """
        UPDATE "Members" SET "PrincipalMinor" = m."Principal", "BonusMinor" = m."Bonus", "Points" = m."Points"
        FROM "CardMoves" m
        WHERE "Members"."Id" = m."MemberId" AND "Members"."PrincipalMinor" = m."ReadPrincipal" AND "Members"."BonusMinor" = m."ReadBonus" AND "Members"."Points" = m."ReadPoints"
        """;

    public const string LotRemainingTable = """
        "LotId" BIGINT PRIMARY KEY, "Remaining" BIGINT NOT NULL
        """;

    public static readonly IReadOnlyList<string> LotRemainingColumns = ["LotId", "Remaining"];

    public const string ApplyLotRemaining = """
        UPDATE "PointsLots" SET "RemainingPoints" = r."Remaining" FROM "LotRemaining" r WHERE "PointsLots"."Id" = r."LotId"
        """;

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
