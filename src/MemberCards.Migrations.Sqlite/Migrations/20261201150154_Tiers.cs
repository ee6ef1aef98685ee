using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MemberCards.Data.Migrations
{
    /// <inheritdoc />
    public partial class Tiers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "Tier",
                table: "Members",
                newName: "TierId");

            migrationBuilder.RenameIndex(
                name: "IX_Members_Tier_Status",
                table: "Members",
                newName: "IX_Members_TierId_Status");

            migrationBuilder.AddColumn<long>(
                name: "MemberDiscountMinor",
                table: "PurchaseLines",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "TierFloorId",
                table: "Members",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "TierFloorUntil",
                table: "Members",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "TierKeptUntil",
                table: "Members",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Tiers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Rank = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Preset = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Measure = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    ThresholdMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    PriceRate = table.Column<int>(type: "INTEGER", nullable: false),
                    PointsMultiplierPercent = table.Column<int>(type: "INTEGER", nullable: false),
                    KeepMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    ExcludedCategories = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    DeletedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Tiers", x => x.Id);
                });

            // The four fixed tiers become the store's first tier definitions, ids 1–4 in their old order (0–3), and
            // every member keeps the tier they held, for 12 months from today; then the rules decide. They changed
            // nothing at the till before, so they start at list price and ×1 points until a manager sets them.
            migrationBuilder.Sql("""
                INSERT INTO "Tiers" ("Id", "Rank", "Name", "Preset", "Measure", "ThresholdMinor", "PriceRate", "PointsMultiplierPercent", "KeepMonths", "ExcludedCategories", "Version")
                VALUES (1, 0, NULL, 'Bronze', 'RollingYearSpend', 0, 10000, 100, 12, '[]', 0),
                       (2, 1, NULL, 'Silver', 'RollingYearSpend', 100000, 10000, 100, 12, '[]', 0),
                       (3, 2, NULL, 'Gold', 'RollingYearSpend', 300000, 10000, 100, 12, '[]', 0),
                       (4, 3, NULL, 'Platinum', 'RollingYearSpend', 800000, 10000, 100, 12, '[]', 0);
                UPDATE "Members" SET "TierId" = "TierId" + 1, "TierKeptUntil" = CASE WHEN "TierId" > 0 THEN date('now', '+12 months') END;
                """);

            migrationBuilder.CreateTable(
                name: "TierChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MemberId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FromTierId = table.Column<int>(type: "INTEGER", nullable: true),
                    ToTierId = table.Column<int>(type: "INTEGER", nullable: false),
                    MeasureMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    KeptUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PreviousKeptUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PurchaseId = table.Column<int>(type: "INTEGER", nullable: true),
                    TopUpId = table.Column<int>(type: "INTEGER", nullable: true),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TierChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TierChanges_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TierChanges_Purchases_PurchaseId",
                        column: x => x.PurchaseId,
                        principalTable: "Purchases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TierChanges_Tiers_FromTierId",
                        column: x => x.FromTierId,
                        principalTable: "Tiers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TierChanges_Tiers_ToTierId",
                        column: x => x.ToTierId,
                        principalTable: "Tiers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TierChanges_TopUps_TopUpId",
                        column: x => x.TopUpId,
                        principalTable: "TopUps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Members_TierFloorId",
                table: "Members",
                column: "TierFloorId");

            migrationBuilder.CreateIndex(
                name: "IX_Members_TierKeptUntil",
                table: "Members",
                column: "TierKeptUntil",
                filter: "\"TierKeptUntil\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_TierChanges_FromTierId",
                table: "TierChanges",
                column: "FromTierId");

            migrationBuilder.CreateIndex(
                name: "IX_TierChanges_MemberId_Id",
                table: "TierChanges",
                columns: new[] { "MemberId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_TierChanges_PurchaseId",
                table: "TierChanges",
                column: "PurchaseId");

            migrationBuilder.CreateIndex(
                name: "IX_TierChanges_TopUpId",
                table: "TierChanges",
                column: "TopUpId");

            migrationBuilder.CreateIndex(
                name: "IX_TierChanges_ToTierId",
                table: "TierChanges",
                column: "ToTierId");

            migrationBuilder.CreateIndex(
                name: "IX_Tiers_Rank",
                table: "Tiers",
                column: "Rank",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Members_Tiers_TierFloorId",
                table: "Members",
                column: "TierFloorId",
                principalTable: "Tiers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Members_Tiers_TierId",
                table: "Members",
                column: "TierId",
                principalTable: "Tiers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Members_Tiers_TierFloorId",
                table: "Members");

            migrationBuilder.DropForeignKey(
                name: "FK_Members_Tiers_TierId",
                table: "Members");

            migrationBuilder.DropTable(
                name: "TierChanges");

            migrationBuilder.DropTable(
                name: "Tiers");

            migrationBuilder.DropIndex(
                name: "IX_Members_TierFloorId",
                table: "Members");

            migrationBuilder.DropIndex(
                name: "IX_Members_TierKeptUntil",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "MemberDiscountMinor",
                table: "PurchaseLines");

            migrationBuilder.DropColumn(
                name: "TierFloorId",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "TierFloorUntil",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "TierKeptUntil",
                table: "Members");

            migrationBuilder.RenameColumn(
                name: "TierId",
                table: "Members",
                newName: "Tier");

            migrationBuilder.RenameIndex(
                name: "IX_Members_TierId_Status",
                table: "Members",
                newName: "IX_Members_Tier_Status");
        }
    }
}
