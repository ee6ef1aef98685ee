using System.Text;
using static Microsoft.Playwright.Assertions;

namespace MemberCards.E2E;

/// <summary>
/// A manager moves members from an old system: a GBK CSV with Chinese headers, one of which (储值) the import does not
/// know, and a row whose date can be read two ways.
/// </summary>
[Collection(nameof(BrowserTests))]
public sealed class ImportTests(BrowserFixture app)
{
    private const float Slow = 60_000;

    [Fact]
    public async Task A_manager_uploads_a_gbk_csv_fixes_one_column_reads_the_error_report_commits_and_finds_the_member_with_the_balance()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var suffix = Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        // A name of its own in the shared database, without digits (the member search reads digits as a phone or card).
        var name = "导入" + string.Concat(suffix.Select(d => "零一二三四五六七八九"[d - '0']));
        var csv = $"姓名,手机号,储值,入会日期\r\n{name},139{suffix},\"￥1,234.50\",2024/3/1\r\n日期{suffix},137{suffix},10,03/01/2026\r\n";
        var page = await app.NewSignedInPageAsync("manager@demo.test");
        var problems = BrowserProblems.Watch(page);
        await page.GotoAsync("/import");
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();

        await UploadAsync(page, new FilePayload { Name = "old-members.csv", MimeType = "text/csv", Buffer = Encoding.GetEncoding("GBK").GetBytes(csv) }, "old-members.csv: 2 rows");
        await page.GetByLabel("Balance", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Column 3: 储值" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Dry run" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("would create 1, update 0, leave 0 unchanged; refused: 1.", new() { Timeout = Slow });
        var refused = page.GetByRole(AriaRole.Table, new() { Name = "Refused rows" }).Locator("tbody tr");
        await Expect(refused).ToHaveCountAsync(1);
        await Expect(refused.First).ToContainTextAsync("03/01/2026");
        await Expect(refused.First).ToContainTextAsync("This date can be read two ways");
        await Screenshots.SaveAsync(page, "import-dry-run.png");

        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Imported: created 1", new() { Timeout = Slow });

        await page.GotoAsync("/members");
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await page.GetByLabel("Search members").FillAsync(name);
        var rows = page.Locator("table tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync(name);
        await rows.First.GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Card value" })).ToBeVisibleAsync();
        var opening = page.GetByLabel("Card ledger").Locator("tbody tr").Filter(new() { HasTextString = "Opening balance" });
        await Expect(opening).ToContainTextAsync("Opening balance");
        await Expect(opening).ToContainTextAsync("1,234.50");
        Assert.Empty(problems.Seen);
    }

    // The file input answers once its component has wired it after the first interactive render; a file set before
    // that is not seen, so the upload is given again until the page says it read the file.
    private static async Task UploadAsync(IPage page, FilePayload file, string read)
    {
        var input = page.Locator("input[type=file]");
        for (var attempt = 1; ; attempt++)
        {
            await input.SetInputFilesAsync(file);
            try
            {
                await Expect(page.GetByText(read)).ToBeVisibleAsync(new() { Timeout = Slow / 3 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
                await input.SetInputFilesAsync(Array.Empty<FilePayload>());
            }
        }
    }
}
