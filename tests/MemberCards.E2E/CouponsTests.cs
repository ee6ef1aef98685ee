using static Microsoft.Playwright.Assertions;

namespace MemberCards.E2E;

/// <summary>
/// Marketing's coupon pages on the demo (DemoCoupons): the templates as the shop says them, the campaign's results
/// with its lift against the control group, and issuing a coupon to a saved segment from the campaigns page.
/// </summary>
[Collection(nameof(BrowserTests))]
public sealed class CouponsTests(BrowserFixture app)
{
    [Fact]
    public async Task Marketing_reads_the_templates_and_the_campaigns_lift_against_its_control_group()
    {
        foreach (var width in new[] { 1280, 390 })
        {
            var page = await app.NewSignedInPageAsync("marketing@demo.test", width, width == 1280 ? 900 : 844);
            var problems = BrowserProblems.Watch(page);
            var prefix = width == 1280 ? "" : "phone-";
            await page.GotoAsync("/coupons");
            await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
            var templates = page.GetByRole(AriaRole.Region, new() { Name = "Coupon templates" });
            await Expect(templates).ToContainTextAsync("Spend $25, get $5 off");
            await Expect(templates).ToContainTextAsync("20% off, up to $4");
            await Expect(templates).ToContainTextAsync("Free Cappuccino");
            await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Expiring in the next 7 days" })).ToContainTextAsync("$5 off $25");
            await Screenshots.SaveAsync(page, $"{prefix}coupons.png");

            if (width == 1280)
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "Edit Weekend 20% off" }).ClickAsync();
                await Expect(page.GetByLabel("Percent off")).ToHaveValueAsync("20");
                await Screenshots.SaveAsync(page, "coupon-template.png");
                await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
            }

            await page.GotoAsync("/coupons/results");
            await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
            // The page of the results, its rows loaded (the interactive marker may still be the previous page's).
            await Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Campaign results"));
            await Expect(page.Locator("table tbody tr").First).ToBeVisibleAsync();
            // The demo's campaign (the other test here may issue another coupon to the same segment).
            var campaign = page.Locator("table tbody tr").Filter(new() { HasTextString = "Top 200 spenders, 90 days" }).Filter(new() { HasTextString = "$5 off $25" });
            await Expect(campaign).ToContainTextAsync("%");
            await Screenshots.SaveAsync(page, $"{prefix}coupon-results.png");
            await campaign.ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status, new() { Name = "Incremental spend" })).ToContainTextAsync("Incremental spend: $");
            await Screenshots.SaveAsync(page, $"{prefix}coupon-lift.png");
            Assert.Empty(problems.Seen);
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Marketing_issues_a_coupon_to_a_saved_segment_after_its_preview()
    {
        var page = await app.NewSignedInPageAsync("marketing@demo.test");
        var problems = BrowserProblems.Watch(page);
        await page.GotoAsync("/campaigns");
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await page.GetByText("Top 200 spenders, 90 days", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Issue coupon" }).ClickAsync();
        await page.GetByLabel("Template").ClickAsync();
        // The option reads "name · value": the demo's template by its name (another's value may say "Free Cappuccino").
        await page.GetByRole(AriaRole.Option).Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^Free cappuccino ·") }).ClickAsync();
        var preview = page.GetByRole(AriaRole.Region, new() { Name = "Preview" });
        await Expect(preview).ToContainTextAsync("Receiving a coupon");
        await Expect(preview).ToContainTextAsync("Cost if all redeem");
        await Screenshots.SaveAsync(page, "issue-coupon.png");

        await page.GetByRole(AriaRole.Button, new() { Name = "Issue", Exact = true }).ClickAsync();

        await Expect(page.GetByText(new System.Text.RegularExpressions.Regex(@"^Coupons issued: [\d,]+\. Control group: [\d,]+ members"))).ToBeVisibleAsync();
        Assert.Empty(problems.Seen);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_chinese_shop_reads_its_coupons_as_it_says_them()
    {
        using var data = new TempFolder();
        await using var shop = AppProcess.Start($"Data Source={data.File("membercards.db")}", new Dictionary<string, string>
        {
            ["MemberCards__Region"] = "CN",
            ["MemberCards__DemoData__Members"] = "300",
            ["MemberCards__DemoData__Purchases"] = "4000",
        });
        var address = await shop.WaitUntilListeningAsync(AppProcess.StartTimeout);
        foreach (var width in new[] { 1280, 390 })
        {
            var page = await app.NewPageAsync(width, width == 1280 ? 900 : 844, through: address);
            var problems = BrowserProblems.Watch(page);
            await BrowserFixture.SignInAsync(page, "marketing@demo.test", BrowserFixture.DemoPassword);
            await page.GotoAsync("/Language?language=zh-CN&returnUrl=%2Fcoupons");
            await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
            var prefix = width == 1280 ? "zh-CN" : "zh-CN-phone";
            var templates = page.GetByRole(AriaRole.Region, new() { Name = "优惠券模板" });
            foreach (var words in new[] { "满50减10", "8折 最高¥20", "代金券¥10", "兑换 拿铁", "周六、周日" })
            {
                await Expect(templates).ToContainTextAsync(words);
            }
            await Screenshots.SaveAsync(page, $"{prefix}-coupons.png");

            await page.GotoAsync("/coupons/results");
            await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
            var campaign = page.Locator("table tbody tr").Filter(new() { HasTextString = "近90天消费前200名" });
            await Expect(campaign).ToContainTextAsync("%");
            await campaign.ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status, new() { Name = "增量销售额" })).ToContainTextAsync("增量销售额：¥");
            await Screenshots.SaveAsync(page, $"{prefix}-coupon-lift.png");
            Assert.Empty(problems.Seen);
            await page.Context.CloseAsync();
        }
    }
}
