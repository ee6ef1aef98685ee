using MemberCards.Auditing;
using MemberCards.Data;
using MemberCards.Web.Components.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberCards.Web.Tests.Auditing;

public sealed class AuditPageTests : DatabaseTestContext
{
    private static readonly DateTime Now = new(2026, 3, 20, 15, 0, 0, DateTimeKind.Utc);

    protected override async Task SeedAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<MemberCardsDb>>().CreateDbContextAsync();
        for (var i = 0; i < 60; i++)
        {
            AuditLog.Add(db, Now.AddMinutes(-i - 10), "staff@test", AuditActions.PurchaseRecorded, "Purchase", i + 1, new { TotalMinor = 300 });
        }
        AuditLog.Add(db, Now, "manager@test", "member.changed", "Member", 7,
            AuditLog.Changes(new Dictionary<string, object?> { ["Name"] = "Ann", ["Tier"] = "Gold" }, new Dictionary<string, object?> { ["Name"] = "Anna", ["Tier"] = "Gold" }));
        await db.SaveChangesAsync();
    }


    [Fact]
    public void Entries_show_newest_first_with_each_changed_field_before_and_after()
    {
        var page = Render<AuditPage>();

        page.WaitForAssertion(() => Assert.Equal(50, page.FindAll("tbody tr").Count));
        var newest = page.FindAll("tbody tr")[0].TextContent;
        Assert.Contains("manager@test", newest, StringComparison.Ordinal);
        Assert.Contains("Member 7", newest, StringComparison.Ordinal);
        Assert.Contains("Name: Ann → Anna", newest, StringComparison.Ordinal);
        Assert.DoesNotContain("Tier", newest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_filter_typed_on_a_later_page_shows_its_first_page()
    {
        var page = Render<AuditPage>();
        page.WaitForAssertion(() => Assert.Equal(50, page.FindAll("tbody tr").Count));
        await page.ClickAsync(() => page.Find("button[aria-label='Next page']"));
        page.WaitForAssertion(() => Assert.Equal(11, page.FindAll("tbody tr").Count));

        await page.InputAsync(() => page.Find("input"), "manager");

        // On a clock, not after each of the grid's renders: see ClockedWait.
        await page.PollForAssertionAsync(() => Assert.Contains("Name: Ann → Anna", Assert.Single(page.FindAll("tbody tr")).TextContent, StringComparison.Ordinal));
    }
}
