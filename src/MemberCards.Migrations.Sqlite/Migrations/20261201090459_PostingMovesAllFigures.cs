using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MemberCards.Data.Migrations
{
    /// <inheritdoc />
    public partial class PostingMovesAllFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "NetMinor",
                table: "PurchaseLines",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Every line sold so far was sold at list: its net amount is quantity × unit price.
            migrationBuilder.Sql("""UPDATE "PurchaseLines" SET "NetMinor" = "Quantity" * "UnitPriceMinor";""");

            // The posting (Purchases/PurchasePosting.cs) now moves ProductSalesDays with every other figure, on
            // every path; the triggers of migration DashboardSales would count each line twice.
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "PurchaseLines_AddToProductSalesDays";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Purchases_VoidFromProductSalesDays";""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TRIGGER "PurchaseLines_AddToProductSalesDays" AFTER INSERT ON "PurchaseLines"
                BEGIN
                    INSERT INTO "ProductSalesDays" ("DayMs", "ProductId", "Category", "RevenueMinor", "Quantity")
                    SELECT p."PurchasedAt" / 86400000 * 86400000, NEW."ProductId", NEW."Category", NEW."Quantity" * NEW."UnitPriceMinor", NEW."Quantity"
                    FROM "Purchases" p WHERE p."Id" = NEW."PurchaseId" AND p."VoidedAt" IS NULL
                    ON CONFLICT ("DayMs", "ProductId", "Category") DO UPDATE SET
                        "RevenueMinor" = "RevenueMinor" + excluded."RevenueMinor", "Quantity" = "Quantity" + excluded."Quantity";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Purchases_VoidFromProductSalesDays" AFTER UPDATE OF "VoidedAt" ON "Purchases"
                WHEN OLD."VoidedAt" IS NULL AND NEW."VoidedAt" IS NOT NULL
                BEGIN
                    INSERT INTO "ProductSalesDays" ("DayMs", "ProductId", "Category", "RevenueMinor", "Quantity")
                    SELECT NEW."PurchasedAt" / 86400000 * 86400000, l."ProductId", l."Category", -SUM(l."Quantity" * l."UnitPriceMinor"), -SUM(l."Quantity")
                    FROM "PurchaseLines" l WHERE l."PurchaseId" = NEW."Id"
                    GROUP BY l."ProductId", l."Category"
                    ON CONFLICT ("DayMs", "ProductId", "Category") DO UPDATE SET
                        "RevenueMinor" = "RevenueMinor" + excluded."RevenueMinor", "Quantity" = "Quantity" + excluded."Quantity";
                END;
                """);
            migrationBuilder.DropColumn(
                name: "NetMinor",
                table: "PurchaseLines");
        }
    }
}
