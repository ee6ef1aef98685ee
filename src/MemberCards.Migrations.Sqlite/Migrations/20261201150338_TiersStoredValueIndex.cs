using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MemberCards.Data.Migrations
{
    /// <summary>
    /// The Tiers migration rebuilt the Members table for its foreign keys (SQLite can't add one in place), and a
    /// rebuild makes only the indexes the model knows: the stored value expression index (MemberStoredValueIndex) is
    /// made again here, in a migration of its own because EF runs the rebuild after every other step of its migration.
    /// </summary>
    public partial class TiersStoredValueIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""CREATE INDEX IF NOT EXISTS "IX_Members_StoredValue" ON "Members" (("PrincipalMinor" + "BonusMinor"));""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
