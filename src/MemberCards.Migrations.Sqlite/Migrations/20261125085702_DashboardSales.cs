using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MemberCards.Data.Migrations
{
    /// <inheritdoc />
    public partial class DashboardSales : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ProductSalesDays",
                columns: table => new
                {
                    DayMs = table.Column<long>(type: "INTEGER", nullable: false),
                    ProductId = table.Column<int>(type: "INTEGER", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    RevenueMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProductSalesDays", x => new { x.DayMs, x.ProductId, x.Category });
                });

            migrationBuilder.CreateIndex(
                name: "IX_Members_Tier_Status",
                table: "Members",
                columns: new[] { "Tier", "Status" });

            // ProductSalesDays is kept by the database itself, in the transaction of the write that changes it:
            // a line inserted adds to its product's UTC day, a purchase voided takes its lines back out.
            // Purchases are never un-voided, re-dated or deleted, and lines never change after insert.
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
            migrationBuilder.Sql("""
                INSERT INTO "ProductSalesDays" ("DayMs", "ProductId", "Category", "RevenueMinor", "Quantity")
                SELECT p."PurchasedAt" / 86400000 * 86400000, l."ProductId", l."Category", SUM(l."Quantity" * l."UnitPriceMinor"), SUM(l."Quantity")
                FROM "PurchaseLines" l JOIN "Purchases" p ON p."Id" = l."PurchaseId"
                WHERE p."VoidedAt" IS NULL
                GROUP BY 1, 2, 3;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "PurchaseLines_AddToProductSalesDays";""");
            migrationBuilder.Sql("""DROP TRIGGER "Purchases_VoidFromProductSalesDays";""");
            migrationBuilder.DropTable(
                name: "ProductSalesDays");

            migrationBuilder.DropIndex(
                name: "IX_Members_Tier_Status",
                table: "Members");
        }
    }
}
