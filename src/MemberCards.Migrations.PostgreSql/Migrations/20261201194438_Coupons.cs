using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace MemberCards.Data.Migrations
{
    /// <inheritdoc />
    public partial class Coupons : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "GiftCouponTemplateId",
                table: "TopUpRules",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "CouponDiscountMinor",
                table: "PurchaseLines",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "CouponTemplates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ThresholdMinor = table.Column<long>(type: "bigint", nullable: false),
                    AmountOffMinor = table.Column<long>(type: "bigint", nullable: false),
                    PercentOff = table.Column<int>(type: "integer", nullable: false),
                    CapMinor = table.Column<long>(type: "bigint", nullable: false),
                    FreeProductId = table.Column<int>(type: "integer", nullable: true),
                    ProductIds = table.Column<List<int>>(type: "integer[]", nullable: false),
                    Categories = table.Column<List<string>>(type: "text[]", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: true),
                    ValidDays = table.Column<int>(type: "integer", nullable: true),
                    Weekdays = table.Column<int>(type: "integer", nullable: false),
                    MinTierId = table.Column<int>(type: "integer", nullable: true),
                    PerMemberLimit = table.Column<int>(type: "integer", nullable: true),
                    TotalQuantity = table.Column<int>(type: "integer", nullable: true),
                    IssuedCount = table.Column<int>(type: "integer", nullable: false),
                    Combines = table.Column<bool>(type: "boolean", nullable: false),
                    Trigger = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    TriggerTierId = table.Column<int>(type: "integer", nullable: true),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    ArchivedAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CouponTemplates", x => x.Id);
                    table.CheckConstraint("CK_CouponTemplates_Quantity", "\"TotalQuantity\" IS NULL OR \"IssuedCount\" <= \"TotalQuantity\"");
                    table.ForeignKey(
                        name: "FK_CouponTemplates_Products_FreeProductId",
                        column: x => x.FreeProductId,
                        principalTable: "Products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CouponTemplates_Tiers_MinTierId",
                        column: x => x.MinTierId,
                        principalTable: "Tiers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CouponTemplates_Tiers_TriggerTierId",
                        column: x => x.TriggerTierId,
                        principalTable: "Tiers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CouponIssues",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TemplateId = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SavedSegmentId = table.Column<int>(type: "integer", nullable: true),
                    SegmentName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    IssuedAt = table.Column<long>(type: "bigint", nullable: false),
                    IssuedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Issued = table.Column<int>(type: "integer", nullable: false),
                    ControlPercent = table.Column<int>(type: "integer", nullable: false),
                    ControlMembers = table.Column<int>(type: "integer", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CouponIssues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CouponIssues_CouponTemplates_TemplateId",
                        column: x => x.TemplateId,
                        principalTable: "CouponTemplates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CouponControlMembers",
                columns: table => new
                {
                    IssueId = table.Column<int>(type: "integer", nullable: false),
                    MemberId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CouponControlMembers", x => new { x.IssueId, x.MemberId });
                    table.ForeignKey(
                        name: "FK_CouponControlMembers_CouponIssues_IssueId",
                        column: x => x.IssueId,
                        principalTable: "CouponIssues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CouponControlMembers_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Coupons",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    TemplateId = table.Column<int>(type: "integer", nullable: false),
                    IssueId = table.Column<int>(type: "integer", nullable: false),
                    MemberId = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: false),
                    IssuedAt = table.Column<long>(type: "bigint", nullable: false),
                    TopUpId = table.Column<int>(type: "integer", nullable: true),
                    PurchaseId = table.Column<int>(type: "integer", nullable: true),
                    RedeemedAt = table.Column<long>(type: "bigint", nullable: true),
                    DiscountMinor = table.Column<long>(type: "bigint", nullable: false),
                    EndedAt = table.Column<long>(type: "bigint", nullable: true),
                    EndedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Coupons", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Coupons_CouponIssues_IssueId",
                        column: x => x.IssueId,
                        principalTable: "CouponIssues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Coupons_CouponTemplates_TemplateId",
                        column: x => x.TemplateId,
                        principalTable: "CouponTemplates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Coupons_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Coupons_Purchases_PurchaseId",
                        column: x => x.PurchaseId,
                        principalTable: "Purchases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Coupons_TopUps_TopUpId",
                        column: x => x.TopUpId,
                        principalTable: "TopUps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TopUpRules_GiftCouponTemplateId",
                table: "TopUpRules",
                column: "GiftCouponTemplateId");

            migrationBuilder.CreateIndex(
                name: "IX_CouponControlMembers_MemberId",
                table: "CouponControlMembers",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_CouponIssues_TemplateId_Source",
                table: "CouponIssues",
                columns: new[] { "TemplateId", "Source" });

            migrationBuilder.CreateIndex(
                name: "IX_Coupons_Code",
                table: "Coupons",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Coupons_IssueId_State",
                table: "Coupons",
                columns: new[] { "IssueId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Coupons_MemberId_State_ValidTo",
                table: "Coupons",
                columns: new[] { "MemberId", "State", "ValidTo" });

            migrationBuilder.CreateIndex(
                name: "IX_Coupons_PurchaseId",
                table: "Coupons",
                column: "PurchaseId",
                filter: "\"PurchaseId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Coupons_State_ValidTo",
                table: "Coupons",
                columns: new[] { "State", "ValidTo" });

            migrationBuilder.CreateIndex(
                name: "IX_Coupons_TemplateId_MemberId",
                table: "Coupons",
                columns: new[] { "TemplateId", "MemberId" });

            migrationBuilder.CreateIndex(
                name: "IX_Coupons_TopUpId",
                table: "Coupons",
                column: "TopUpId");

            migrationBuilder.CreateIndex(
                name: "IX_CouponTemplates_FreeProductId",
                table: "CouponTemplates",
                column: "FreeProductId");

            migrationBuilder.CreateIndex(
                name: "IX_CouponTemplates_MinTierId",
                table: "CouponTemplates",
                column: "MinTierId");

            migrationBuilder.CreateIndex(
                name: "IX_CouponTemplates_Name",
                table: "CouponTemplates",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CouponTemplates_TriggerTierId",
                table: "CouponTemplates",
                column: "TriggerTierId");

            migrationBuilder.AddForeignKey(
                name: "FK_TopUpRules_CouponTemplates_GiftCouponTemplateId",
                table: "TopUpRules",
                column: "GiftCouponTemplateId",
                principalTable: "CouponTemplates",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_TopUpRules_CouponTemplates_GiftCouponTemplateId",
                table: "TopUpRules");

            migrationBuilder.DropTable(
                name: "CouponControlMembers");

            migrationBuilder.DropTable(
                name: "Coupons");

            migrationBuilder.DropTable(
                name: "CouponIssues");

            migrationBuilder.DropTable(
                name: "CouponTemplates");

            migrationBuilder.DropIndex(
                name: "IX_TopUpRules_GiftCouponTemplateId",
                table: "TopUpRules");

            migrationBuilder.DropColumn(
                name: "GiftCouponTemplateId",
                table: "TopUpRules");

            migrationBuilder.DropColumn(
                name: "CouponDiscountMinor",
                table: "PurchaseLines");
        }
    }
}
