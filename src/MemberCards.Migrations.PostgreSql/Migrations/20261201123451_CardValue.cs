using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace MemberCards.Data.Migrations
{
    /// <inheritdoc />
    public partial class CardValue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "PointsEarned",
                table: "Purchases",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "PointsRedeemed",
                table: "Purchases",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "PointsDiscountMinor",
                table: "PurchaseLines",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "BonusMinor",
                table: "Members",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Points",
                table: "Members",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "PrincipalMinor",
                table: "Members",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "PointsRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EarnPointsPerYuan = table.Column<int>(type: "integer", nullable: false),
                    RedeemPointsPerYuan = table.Column<int>(type: "integer", nullable: false),
                    RedeemMinimumPoints = table.Column<long>(type: "bigint", nullable: false),
                    RedeemCapMinor = table.Column<long>(type: "bigint", nullable: false),
                    RedeemCapPercent = table.Column<int>(type: "integer", nullable: false),
                    Expiry = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    ExpiryMonths = table.Column<int>(type: "integer", nullable: false),
                    ExcludedCategories = table.Column<List<string>>(type: "text[]", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PointsRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PurchaseTenders",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PurchaseId = table.Column<int>(type: "integer", nullable: false),
                    Method = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Label = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    AmountMinor = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PurchaseTenders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PurchaseTenders_Purchases_PurchaseId",
                        column: x => x.PurchaseId,
                        principalTable: "Purchases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TopUpRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ThresholdMinor = table.Column<long>(type: "bigint", nullable: false),
                    BonusMinor = table.Column<long>(type: "bigint", nullable: false),
                    BonusPercent = table.Column<int>(type: "integer", nullable: false),
                    BonusPoints = table.Column<long>(type: "bigint", nullable: false),
                    ActiveFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    ActiveTo = table.Column<DateOnly>(type: "date", nullable: true),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TopUpRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TopUps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MemberId = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<long>(type: "bigint", nullable: false),
                    AmountMinor = table.Column<long>(type: "bigint", nullable: false),
                    BonusMinor = table.Column<long>(type: "bigint", nullable: false),
                    BonusPoints = table.Column<long>(type: "bigint", nullable: false),
                    Method = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    MethodLabel = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    RuleId = table.Column<int>(type: "integer", nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    IdempotencyKey = table.Column<Guid>(type: "uuid", nullable: true),
                    VoidedAt = table.Column<long>(type: "bigint", nullable: true),
                    VoidedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    VoidReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TopUps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TopUps_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TopUps_TopUpRules_RuleId",
                        column: x => x.RuleId,
                        principalTable: "TopUpRules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LedgerEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MemberId = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PrincipalDeltaMinor = table.Column<long>(type: "bigint", nullable: false),
                    BonusDeltaMinor = table.Column<long>(type: "bigint", nullable: false),
                    PointsDelta = table.Column<long>(type: "bigint", nullable: false),
                    PrincipalAfterMinor = table.Column<long>(type: "bigint", nullable: false),
                    BonusAfterMinor = table.Column<long>(type: "bigint", nullable: false),
                    PointsAfter = table.Column<long>(type: "bigint", nullable: false),
                    PurchaseId = table.Column<int>(type: "integer", nullable: true),
                    TopUpId = table.Column<int>(type: "integer", nullable: true),
                    ReversesEntryId = table.Column<long>(type: "bigint", nullable: true),
                    By = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LedgerEntries_LedgerEntries_ReversesEntryId",
                        column: x => x.ReversesEntryId,
                        principalTable: "LedgerEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LedgerEntries_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LedgerEntries_Purchases_PurchaseId",
                        column: x => x.PurchaseId,
                        principalTable: "Purchases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LedgerEntries_TopUps_TopUpId",
                        column: x => x.TopUpId,
                        principalTable: "TopUps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PointsLots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MemberId = table.Column<int>(type: "integer", nullable: false),
                    EntryId = table.Column<long>(type: "bigint", nullable: false),
                    EarnedAt = table.Column<long>(type: "bigint", nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EarnedPoints = table.Column<long>(type: "bigint", nullable: false),
                    RemainingPoints = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PointsLots", x => x.Id);
                    table.CheckConstraint("CK_PointsLots_Remaining", "\"RemainingPoints\" >= 0");
                    table.ForeignKey(
                        name: "FK_PointsLots_LedgerEntries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "LedgerEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PointsLots_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PointsLotUses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EntryId = table.Column<long>(type: "bigint", nullable: false),
                    LotId = table.Column<long>(type: "bigint", nullable: false),
                    Points = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PointsLotUses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PointsLotUses_LedgerEntries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "LedgerEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PointsLotUses_PointsLots_LotId",
                        column: x => x.LotId,
                        principalTable: "PointsLots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Members_Points",
                table: "Members",
                column: "Points");

            migrationBuilder.AddCheckConstraint(
                name: "CK_Members_StoredValue",
                table: "Members",
                sql: "\"PrincipalMinor\" >= 0 AND \"BonusMinor\" >= 0");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_At_Kind",
                table: "LedgerEntries",
                columns: new[] { "At", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_MemberId_Id",
                table: "LedgerEntries",
                columns: new[] { "MemberId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_PurchaseId",
                table: "LedgerEntries",
                column: "PurchaseId",
                filter: "\"PurchaseId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_ReversesEntryId",
                table: "LedgerEntries",
                column: "ReversesEntryId");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_TopUpId",
                table: "LedgerEntries",
                column: "TopUpId",
                filter: "\"TopUpId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_PointsLots_EntryId",
                table: "PointsLots",
                column: "EntryId");

            migrationBuilder.CreateIndex(
                name: "IX_PointsLots_ExpiresOn",
                table: "PointsLots",
                column: "ExpiresOn",
                filter: "\"RemainingPoints\" > 0");

            migrationBuilder.CreateIndex(
                name: "IX_PointsLots_MemberId_ExpiresOn",
                table: "PointsLots",
                columns: new[] { "MemberId", "ExpiresOn" },
                filter: "\"RemainingPoints\" > 0");

            migrationBuilder.CreateIndex(
                name: "IX_PointsLotUses_EntryId",
                table: "PointsLotUses",
                column: "EntryId");

            migrationBuilder.CreateIndex(
                name: "IX_PointsLotUses_LotId",
                table: "PointsLotUses",
                column: "LotId");

            migrationBuilder.CreateIndex(
                name: "IX_PurchaseTenders_PurchaseId",
                table: "PurchaseTenders",
                column: "PurchaseId");

            migrationBuilder.CreateIndex(
                name: "IX_TopUps_IdempotencyKey",
                table: "TopUps",
                column: "IdempotencyKey",
                unique: true,
                filter: "\"IdempotencyKey\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_TopUps_MemberId_At",
                table: "TopUps",
                columns: new[] { "MemberId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_TopUps_RuleId",
                table: "TopUps",
                column: "RuleId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PointsLotUses");

            migrationBuilder.DropTable(
                name: "PointsRules");

            migrationBuilder.DropTable(
                name: "PurchaseTenders");

            migrationBuilder.DropTable(
                name: "PointsLots");

            migrationBuilder.DropTable(
                name: "LedgerEntries");

            migrationBuilder.DropTable(
                name: "TopUps");

            migrationBuilder.DropTable(
                name: "TopUpRules");

            migrationBuilder.DropIndex(
                name: "IX_Members_Points",
                table: "Members");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Members_StoredValue",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "PointsEarned",
                table: "Purchases");

            migrationBuilder.DropColumn(
                name: "PointsRedeemed",
                table: "Purchases");

            migrationBuilder.DropColumn(
                name: "PointsDiscountMinor",
                table: "PurchaseLines");

            migrationBuilder.DropColumn(
                name: "BonusMinor",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "Points",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "PrincipalMinor",
                table: "Members");
        }
    }
}
