using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MemberCards.Data.Migrations
{
    /// <inheritdoc />
    public partial class PurchaseFilters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PurchaseLines_ProductId",
                table: "PurchaseLines");

            migrationBuilder.CreateIndex(
                name: "IX_PurchaseLines_Category_PurchaseId",
                table: "PurchaseLines",
                columns: new[] { "Category", "PurchaseId" });

            migrationBuilder.CreateIndex(
                name: "IX_PurchaseLines_ProductId_PurchaseId",
                table: "PurchaseLines",
                columns: new[] { "ProductId", "PurchaseId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PurchaseLines_Category_PurchaseId",
                table: "PurchaseLines");

            migrationBuilder.DropIndex(
                name: "IX_PurchaseLines_ProductId_PurchaseId",
                table: "PurchaseLines");

            migrationBuilder.CreateIndex(
                name: "IX_PurchaseLines_ProductId",
                table: "PurchaseLines",
                column: "ProductId");
        }
    }
}
