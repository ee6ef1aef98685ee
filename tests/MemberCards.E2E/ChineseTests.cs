using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace MemberCards.E2E;

/// <summary>A manager switches to 中文 on the sign-in page, keeps it across sign-out and sign-in, and works in Chinese.</summary>
[Collection(nameof(BrowserTests))]
public sealed class ChineseTests(BrowserFixture app)
{
    private const string Manager = "manager@demo.test";

    [Fact]
    public async Task A_manager_switches_to_Chinese_keeps_it_after_signing_in_again_and_records_voids_and_exports_in_Chinese()
    {
        try
        {
            var page = await app.NewPageAsync();
            var problems = BrowserProblems.Watch(page);
            await page.GotoAsync("/Account/Login");
            await page.GetByRole(AriaRole.Link, new() { Name = "中文" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "登录" })).ToBeVisibleAsync();
            await Screenshots.SaveAsync(page, "zh-CN-sign-in.png");
            await SignInInChineseAsync(page);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "仪表板", Exact = true })).ToBeVisibleAsync();

            // Signed out, with this browser's cookies gone: the language comes back from the account at sign-in.
            await page.GetByRole(AriaRole.Button, new() { Name = "退出登录" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "登录" })).ToBeVisibleAsync();
            await page.Context.ClearCookiesAsync();
            await page.GotoAsync("/Account/Login");
            await BrowserFixture.SignInAsync(page, Manager, BrowserFixture.DemoPassword);
            await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = 15_000 });
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "仪表板", Exact = true })).ToBeVisibleAsync();
            await Expect(page.Locator(".apex-chart svg").First).ToBeVisibleAsync();
            await Screenshots.SaveAsync(page, "zh-CN-dashboard.png");

            // The members screenshots in Chinese come from a Chinese shop's demo (ChineseShopTests).
            var card = await FindMemberAsync(page);
            await RecordPurchaseAsync(page, card);
            await VoidNewestPurchaseAsync(page, card);
            await ExportSegmentAsync(page);
            Assert.Empty(problems.Seen);
            await page.Context.CloseAsync();
        }
        finally
        {
            // The demo manager is shared with the other browser tests, which read the UI in English.
            await app.ForgetLanguageAsync(Manager);
        }
    }

    private static async Task SignInInChineseAsync(IPage page)
    {
        await page.GetByLabel("邮箱").FillAsync(Manager);
        await page.GetByLabel("密码").FillAsync(BrowserFixture.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await BrowserFixture.GiveCodeIfAskedAsync(page);
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
    }

    // A member found by a fragment of their phone number, as the front desk types it.
    private static async Task<string> FindMemberAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "会员", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "会员", Exact = true })).ToBeVisibleAsync();
        var first = page.Locator("table tbody tr").First;
        await Expect(first).ToBeVisibleAsync();
        var card = (await first.Locator("td").First.InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        await page.GetByLabel("搜索会员").FillAsync(card);
        await Expect(page.Locator("table tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("table thead")).ToContainTextAsync("累计消费");
        return card;
    }

    private static async Task RecordPurchaseAsync(IPage page, string card)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "新消费" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("会员", new() { Exact = true }).FillAsync(card);
        await page.Keyboard.PressAsync("Enter");
        await Expect(dialog.GetByLabel("添加商品")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Espresso");
        await Expect(page.Locator(".mud-popover-open").GetByRole(AriaRole.Option).First).ToContainTextAsync("Espresso");
        await page.Keyboard.PressAsync("Enter");
        await Expect(dialog.GetByRole(AriaRole.Group, new() { Name = "第 1 行：Espresso" })).ToBeVisibleAsync();
        await Expect(dialog.GetByRole(AriaRole.Status, new() { Name = "合计" })).ToHaveTextAsync(new Regex("^合计 \\$[1-9]"));
        await Screenshots.SaveAsync(page, "zh-CN-purchase-dialog.png");
        await page.Keyboard.PressAsync("Control+Enter");
        await Expect(page.GetByText(new Regex("^已为 .+ 记录消费 \\$"))).ToBeVisibleAsync();
        await Expect(dialog).ToHaveCountAsync(0);
    }

    private static async Task VoidNewestPurchaseAsync(IPage page, string card)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "消费", Exact = true }).ClickAsync();
        await page.GetByLabel("会员", new() { Exact = true }).FillAsync(card);
        var newest = page.Locator("table tbody tr").First;
        await Expect(newest).ToContainTextAsync(Manager);
        await newest.GetByRole(AriaRole.Button, new() { NameRegex = new("^作废消费") }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "作废消费", Exact = true }).ClickAsync();
        await Expect(page.GetByText("请填写作废原因。")).ToBeVisibleAsync();
        await page.GetByLabel("原因").FillAsync("顾客改变主意");
        await page.GetByRole(AriaRole.Button, new() { Name = "作废消费", Exact = true }).ClickAsync();
        await Expect(newest).ToContainTextAsync("已作废：顾客改变主意");
    }

    private static async Task ExportSegmentAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "营销", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status, new() { Name = "分群规模" })).ToContainTextAsync("位会员");
        await Screenshots.SaveAsync(page, "zh-CN-campaigns.png");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "导出 CSV" }).ClickAsync());
        using var csv = new StreamReader(await download.CreateReadStreamAsync());
        Assert.StartsWith("排名,卡号,姓名,邮箱,电话,等级", (await csv.ReadLineAsync())!.TrimStart('\uFEFF'), StringComparison.Ordinal);
        await Expect(page.GetByText(new Regex("^已导出 [\\d,]+ 位同意营销的会员"))).ToBeVisibleAsync();
    }
}
