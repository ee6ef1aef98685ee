using Microsoft.Data.Sqlite;
using static Microsoft.Playwright.Assertions;

namespace MemberCards.E2E;

/// <summary>
/// A Chinese shop (MemberCards:Region=CN, so the zh-CN demo: Chinese members, menu and mobiles) run in Chinese:
/// staff find a member by the initials of their name's pinyin, as they type it at the counter.
/// </summary>
[Collection(nameof(BrowserTests))]
public sealed class ChineseShopTests(BrowserFixture browser)
{
    [Fact]
    public async Task Staff_find_a_member_by_the_pinyin_initials_of_their_name_and_see_mobiles_3_4_4()
    {
        using var data = new TempFolder();
        await using var app = AppProcess.Start($"Data Source={data.File("membercards.db")}", new Dictionary<string, string>
        {
            ["MemberCards__Region"] = "CN",
            ["MemberCards__DemoData__Members"] = "300",
            ["MemberCards__DemoData__Purchases"] = "4000",
        });
        var address = await app.WaitUntilListeningAsync(AppProcess.StartTimeout);
        var (name, initials) = await MemberWithUniqueInitialsAsync(data.File("membercards.db"));

        foreach (var width in new[] { 1280, 390 })
        {
            var page = await browser.NewPageAsync(width, width == 1280 ? 900 : 844, through: address);
            var problems = BrowserProblems.Watch(page);
            await SignInAsync(page);
            await page.GotoAsync("/members");
            var search = page.GetByLabel("搜索会员");
            await Expect(search).ToBeVisibleAsync();
            await Expect(page.Locator("table tbody tr").First).ToContainTextAsync(MobilePattern());
            var prefix = width == 1280 ? "zh-CN" : "zh-CN-phone";
            await Screenshots.SaveAsync(page, $"{prefix}-members.png");

            await search.FillAsync(initials);
            var rows = page.Locator("table tbody tr");
            await Expect(rows).ToHaveCountAsync(1);
            await Expect(rows.First).ToContainTextAsync(name);

            await rows.First.GetByRole(AriaRole.Link).First.ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name })).ToBeVisibleAsync();
            await Expect(page.GetByText(MobilePattern())).ToBeVisibleAsync();
            await Expect(page.Locator(".apex-chart svg").First).ToBeVisibleAsync();
            await Screenshots.SaveAsync(page, $"{prefix}-member.png");
            Assert.Empty(problems.Seen);
            await page.Context.CloseAsync();
        }
    }

    private static System.Text.RegularExpressions.Regex MobilePattern() => new(@"\b1[3-9]\d \d{4} \d{4}\b");

    // The browser asks for English: the 中文 link under the sign-in form switches, as a Chinese user would.
    private static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByRole(AriaRole.Link, new() { Name = "中文" }).ClickAsync();
        await page.GetByLabel("邮箱").FillAsync("staff@demo.test");
        await page.GetByLabel("密码").FillAsync(BrowserFixture.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = 15_000 });
    }

    // A big spender whose initials start nobody else's initials or pinyin, so typing them finds exactly one member.
    private static async Task<(string Name, string Initials)> MemberWithUniqueInitialsAsync(string file)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT m.Name, m.SearchInitials FROM Members m
            WHERE length(m.SearchInitials) = 3
              AND (SELECT COUNT(*) FROM Members o WHERE o.SearchInitials LIKE m.SearchInitials || '%' OR o.SearchPinyin LIKE m.SearchInitials || '%') = 1
            ORDER BY m.TotalSpentMinor DESC LIMIT 1
            """;
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "the Chinese demo has a member with initials of their own");
        return (reader.GetString(0), reader.GetString(1));
    }
}
