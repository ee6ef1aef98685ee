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
                    "EntityId" = (SELECT t."MemberId"::text FROM "TopUps" t WHERE t."Id"::text = "AuditEntries"."EntityId"),
                    "Details" = (jsonb_build_object('topUpId', "EntityId"::integer) || ("Details"::jsonb - 'memberId'))::text
                WHERE "EntityType" = 'TopUp' AND "Action" IN ('card.topped-up', 'card.top-up-voided')
                  AND EXISTS (SELECT 1 FROM "TopUps" t WHERE t."Id"::text = "AuditEntries"."EntityId");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE "AuditEntries"
                SET "EntityType" = 'TopUp',
                    "EntityId" = "Details"::jsonb ->> 'topUpId',
                    "Details" = (jsonb_build_object('memberId', "EntityId"::integer) || ("Details"::jsonb - 'topUpId'))::text
                WHERE "EntityType" = 'Member' AND "Action" IN ('card.topped-up', 'card.top-up-voided');
                """);
        }
    }
}
