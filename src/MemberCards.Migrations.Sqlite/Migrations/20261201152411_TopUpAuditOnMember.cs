using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MemberCards.Data.Migrations
{
    /// <summary>
    /// Top-ups and their voids were audited under the top-up (entity TopUp), so the member page's history, which reads
    /// the member's own entries, missed them. They are the member's now, like adjustments and cash-outs, the top-up's
    /// id kept in the details: entries written before move over here.
    /// </summary>
    public partial class TopUpAuditOnMember : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE "AuditEntries"
                SET "EntityType" = 'Member',
                    "EntityId" = (SELECT CAST(t."MemberId" AS TEXT) FROM "TopUps" t WHERE CAST(t."Id" AS TEXT) = "AuditEntries"."EntityId"),
                    "Details" = json_patch(json_object('topUpId', CAST("EntityId" AS INTEGER)), json_remove("Details", '$.memberId'))
                WHERE "EntityType" = 'TopUp' AND "Action" IN ('card.topped-up', 'card.top-up-voided')
                  AND EXISTS (SELECT 1 FROM "TopUps" t WHERE CAST(t."Id" AS TEXT) = "AuditEntries"."EntityId");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE "AuditEntries"
                SET "EntityType" = 'TopUp',
                    "EntityId" = CAST(json_extract("Details", '$.topUpId') AS TEXT),
                    "Details" = json_patch(json_object('memberId', CAST("EntityId" AS INTEGER)), json_remove("Details", '$.topUpId'))
                WHERE "EntityType" = 'Member' AND "Action" IN ('card.topped-up', 'card.top-up-voided');
                """);
        }
    }
}
