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
        AuditLog.Add(db, Now.AddMinutes(-5), "marketing@test", AuditActions.CouponTemplateSaved, "CouponTemplate", 3,
            new { Name = "Weekend 10 off 50", Kind = "AmountOff", Weekdays = (1 << (int)DayOfWeek.Saturday) | (1 << (int)DayOfWeek.Sunday) });
        AuditLog.Add(db, Now.AddMinutes(-6), "marketing@test", AuditActions.CouponTemplateSaved, "CouponTemplate", 4,
            new { Name = "Any day", Kind = "Voucher", Weekdays = MemberCards.Coupons.CouponTemplate.EveryDay });
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
        page.WaitForAssertion(() => Assert.Equal(13, page.FindAll("tbody tr").Count));

        await page.InputAsync(() => page.Find("input"), "manager");

        // On a clock, not after each of the grid's renders: see ClockedWait.
        await page.PollForAssertionAsync(() => Assert.Contains("Name: Ann → Anna", Assert.Single(page.FindAll("tbody tr")).TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void A_coupon_templates_days_of_the_week_and_kind_read_as_words_not_as_stored_numbers()
    {
        var page = Render<AuditPage>();

        page.WaitForAssertion(() => Assert.Equal(50, page.FindAll("tbody tr").Count));
        var rows = page.FindAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("Weekend 10 off 50", StringComparison.Ordinal) && r.Contains("Days of the week: Sat, Sun", StringComparison.Ordinal)
            && r.Contains("Amount off over a threshold", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("Any day", StringComparison.Ordinal) && r.Contains("Days of the week: every day", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.Contains(": 65", StringComparison.Ordinal) || r.Contains(": 127", StringComparison.Ordinal));
    }
}
