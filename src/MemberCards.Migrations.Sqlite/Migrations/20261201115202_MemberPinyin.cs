using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MemberCards.Data.Migrations
{
    /// <inheritdoc />
    public partial class MemberPinyin : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SearchInitials",
                table: "Members",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SearchPinyin",
                table: "Members",
                type: "TEXT",
                maxLength: 600,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SearchInitials",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "SearchPinyin",
                table: "Members");
        }
    }
}
