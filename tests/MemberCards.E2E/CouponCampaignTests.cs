using MemberCards.Accounts;
using MemberCards.Campaigns;
using MemberCards.Coupons;
using MemberCards.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace MemberCards.E2E;

/// <summary>
/// The whole campaign: marketing issues a 满50减10 coupon to a saved segment with a 10% control group, staff redeem
/// one member's coupon at the till, and the campaign results show that one redemption.
/// </summary>
[Collection(nameof(BrowserTests))]
public sealed class CouponCampaignTests(BrowserFixture app)
{
    private const string Template = "Campaign test: $10 off $50";
    private const string Segment = "Campaign test: top 5 spenders";

    [Fact]
    public async Task Marketing_issues_to_a_segment_with_a_control_group_staff_redeem_one_and_the_results_show_one_redemption()
    {
        await using var services = AppServices.Over($"Data Source={app.DatabaseFile}");
        var templateId = (await services.GetRequiredService<CouponTemplateService>().SaveAsync(
            new CouponTemplateInput(0, 0, Template, CouponKind.AmountOff, ThresholdMinor: 5_000, AmountOffMinor: 1_000, ValidDays: 30), Access.System, CancellationToken.None)).Value!.Id;
        Assert.True((await services.GetRequiredService<SavedSegmentService>().CreateAsync(Segment, new SegmentCriteria { Top = 5 }, Access.System, CancellationToken.None)).Succeeded);

        var marketing = await app.NewSignedInPageAsync("marketing@demo.test");
        var problems = BrowserProblems.Watch(marketing);
        await marketing.GotoAsync("/campaigns");
        await Expect(marketing.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await marketing.GetByText(Segment, new() { Exact = true }).ClickAsync();
        await marketing.GetByRole(AriaRole.Button, new() { Name = "Issue coupon" }).ClickAsync();
        await marketing.GetByLabel("Template").ClickAsync();
        await marketing.GetByRole(AriaRole.Option).Filter(new() { HasTextString = Template }).ClickAsync();
        await marketing.GetByLabel("Control group").FillAsync("10");
        // 10% of 5 members, rounded: one is held back, four receive a coupon.
        await Expect(marketing.GetByRole(AriaRole.Region, new() { Name = "Preview" })).ToContainTextAsync("Receiving a coupon");
        await marketing.GetByRole(AriaRole.Button, new() { Name = "Issue", Exact = true }).ClickAsync();
        await Expect(marketing.GetByText("Coupons issued: 4. Control group: 1 members", new() { Exact = false })).ToBeVisibleAsync();

        (int MemberId, string Code) holder;
        await using (var db = await services.GetRequiredService<IDbContextFactory<MemberCardsDb>>().CreateDbContextAsync())
        {
            var coupon = await db.Coupons.Where(c => c.TemplateId == templateId).OrderBy(c => c.Id).FirstAsync();
            holder = (coupon.MemberId, coupon.Code);
        }
        var staff = await app.NewSignedInPageAsync("staff@demo.test");
        var staffProblems = BrowserProblems.Watch(staff);
        await staff.GotoAsync($"/members/{holder.MemberId}");
        await Expect(staff.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await staff.GetByRole(AriaRole.Button, new() { Name = "Record purchase" }).ClickAsync();
        var dialog = staff.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Add product").FillAsync("Espresso");
        await Expect(staff.Locator(".mud-popover-open").GetByRole(AriaRole.Option).First).ToContainTextAsync("Espresso");
        await staff.Keyboard.PressAsync("Enter");
        await Expect(dialog.GetByLabel("Add product")).ToHaveValueAsync("");
        await dialog.GetByLabel("Quantity, line 1").FillAsync("30");
        await dialog.GetByLabel("Coupon code").FillAsync(CouponCode.Format(holder.Code));
        await staff.Keyboard.PressAsync("Enter");
        await Expect(dialog.GetByLabel("Coupon discount")).ToHaveTextAsync("Coupon −$10.00");
        await staff.Keyboard.PressAsync("Control+Enter");
        await Expect(staff.GetByText("recorded for", new() { Exact = false })).ToBeVisibleAsync();

        await marketing.GotoAsync("/coupons/results");
        await Expect(marketing.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        var campaign = marketing.Locator("table tbody tr").Filter(new() { HasTextString = Segment });
        await Expect(campaign.Locator("td[data-label='Coupons']")).ToHaveTextAsync("4");
        await Expect(campaign.Locator("td[data-label='Redeemed']")).ToHaveTextAsync("1");
        await Expect(campaign.Locator("td[data-label='Discount']")).ToHaveTextAsync("$10.00");
        Assert.Empty(problems.Seen);
        Assert.Empty(staffProblems.Seen);
        await marketing.Context.CloseAsync();
        await staff.Context.CloseAsync();
    }
}
