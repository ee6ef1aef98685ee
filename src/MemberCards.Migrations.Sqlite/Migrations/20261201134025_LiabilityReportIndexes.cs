using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MemberCards.Data.Migrations
{
    /// <inheritdoc />
    public partial class LiabilityReportIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PointsLots_ExpiresOn",
                table: "PointsLots");

            migrationBuilder.CreateIndex(
                name: "IX_PointsLots_ExpiresOn_RemainingPoints",
                table: "PointsLots",
                columns: new[] { "ExpiresOn", "RemainingPoints" },
                filter: "\"RemainingPoints\" > 0");

            migrationBuilder.CreateIndex(
                name: "IX_Members_HoldingValue",
                table: "Members",
                columns: new[] { "PrincipalMinor", "BonusMinor" },
                filter: "\"PrincipalMinor\" > 0 OR \"BonusMinor\" > 0");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_MoneyMoves",
                table: "LedgerEntries",
                columns: new[] { "Kind", "At", "TopUpId", "PrincipalDeltaMinor", "BonusDeltaMinor" },
                filter: "\"PrincipalDeltaMinor\" <> 0 OR \"BonusDeltaMinor\" <> 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PointsLots_ExpiresOn_RemainingPoints",
                table: "PointsLots");

            migrationBuilder.DropIndex(
                name: "IX_Members_HoldingValue",
                table: "Members");

            migrationBuilder.DropIndex(
                name: "IX_LedgerEntries_MoneyMoves",
                table: "LedgerEntries");

            migrationBuilder.CreateIndex(
                name: "IX_PointsLots_ExpiresOn",
                table: "PointsLots",
                column: "ExpiresOn",
                filter: "\"RemainingPoints\" > 0");
        }
    }
}
