using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace MemberCards.Data.Migrations
{
    /// <inheritdoc />
    public partial class MemberMerges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MergedIntoId",
                table: "Members",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "MemberMerges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    KeptMemberId = table.Column<int>(type: "integer", nullable: false),
                    AbsorbedMemberId = table.Column<int>(type: "integer", nullable: false),
                    MergedAt = table.Column<long>(type: "bigint", nullable: false),
                    MergedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    AbsorbedStatus = table.Column<int>(type: "integer", nullable: false),
                    KeptTierId = table.Column<int>(type: "integer", nullable: false),
                    KeptTierKeptUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    KeptTierFloorId = table.Column<int>(type: "integer", nullable: true),
                    KeptTierFloorUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    TierChangeMark = table.Column<long>(type: "bigint", nullable: false),
                    MovedPrincipalMinor = table.Column<long>(type: "bigint", nullable: false),
                    MovedBonusMinor = table.Column<long>(type: "bigint", nullable: false),
                    MovedPoints = table.Column<long>(type: "bigint", nullable: false),
                    RetiredCardId = table.Column<int>(type: "integer", nullable: false),
                    UnmergedAt = table.Column<long>(type: "bigint", nullable: true),
                    UnmergedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberMerges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MemberMerges_Members_AbsorbedMemberId",
                        column: x => x.AbsorbedMemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MemberMerges_Members_KeptMemberId",
                        column: x => x.KeptMemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MemberMerges_Tiers_KeptTierId",
                        column: x => x.KeptTierId,
                        principalTable: "Tiers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MemberMergeMoves",
                columns: table => new
                {
                    MergeId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RowId = table.Column<long>(type: "bigint", nullable: false),
                    Mark = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberMergeMoves", x => new { x.MergeId, x.Kind, x.RowId });
                    table.ForeignKey(
                        name: "FK_MemberMergeMoves_MemberMerges_MergeId",
                        column: x => x.MergeId,
                        principalTable: "MemberMerges",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PointsLots_MemberId",
                table: "PointsLots",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_Members_MergedIntoId",
                table: "Members",
                column: "MergedIntoId",
                filter: "\"MergedIntoId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_MemberMerges_AbsorbedMemberId",
                table: "MemberMerges",
                column: "AbsorbedMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_MemberMerges_KeptMemberId",
                table: "MemberMerges",
                column: "KeptMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_MemberMerges_KeptTierId",
                table: "MemberMerges",
                column: "KeptTierId");

            migrationBuilder.CreateIndex(
                name: "IX_MemberMerges_MergedAt",
                table: "MemberMerges",
                column: "MergedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MemberMergeMoves");

            migrationBuilder.DropTable(
                name: "MemberMerges");

            migrationBuilder.DropIndex(
                name: "IX_PointsLots_MemberId",
                table: "PointsLots");

            migrationBuilder.DropIndex(
                name: "IX_Members_MergedIntoId",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "MergedIntoId",
                table: "Members");
        }
    }
}
