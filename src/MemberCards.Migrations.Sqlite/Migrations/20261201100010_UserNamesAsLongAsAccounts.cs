using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MemberCards.Data.Migrations
{
    /// <summary>
    /// Who recorded or voided a purchase holds a user name, up to 256 characters like the accounts' own. SQLite never
    /// enforced the old 100 (its TEXT has no length), so only the model changes here; PostgreSQL does enforce it.
    /// </summary>
    public partial class UserNamesAsLongAsAccounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
