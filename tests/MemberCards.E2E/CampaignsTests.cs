using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace MemberCards.E2E;

[Collection(nameof(BrowserTests))]
public sealed partial class CampaignsTests(BrowserFixture app)
{
    private static readonly CultureInfo UnitedStates = CultureInfo.GetCultureInfo("en-US");

    [Fact]
    public async Task A_segment_of_one_member_says_one_member()
    {
        var page = await app.NewSignedInPageAsync("marketing@demo.test", 1280, 900);
        await page.GotoAsync("/campaigns");
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        var size = page.GetByRole(AriaRole.Status, new() { Name = "Segment size" });
        await Expect(size).ToContainTextAsync("members");

        await page.GetByLabel("Top N").FillAsync("1");

        await Expect(size).ToHaveTextAsync(new Regex(@"^1 member · .* spent in the period · [01] opted in$"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Marketing_builds_the_top_50_opted_in_spenders_of_90_days_and_downloads_them_as_csv_in_spend_order()
    {
        var page = await app.NewSignedInPageAsync("marketing@demo.test", 1440, 1400);
        var problems = BrowserProblems.Watch(page);
        await page.GotoAsync("/campaigns");
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        var size = page.GetByRole(AriaRole.Status, new() { Name = "Segment size" });
        await Expect(size).ToContainTextAsync("members");
        var everyone = await size.InnerTextAsync();

        await page.GetByLabel("Days", new() { Exact = true }).FillAsync("90");
        await page.GetByLabel("Top N").FillAsync("50");
        await page.GetByLabel("Opted in only").CheckAsync();

        await Expect(size).Not.ToHaveTextAsync(everyone);
        await Expect(size).ToContainTextAsync(new Regex(@"^(\d+) members .* (\1) opted in$"));
        var members = int.Parse(SizeText().Match(await size.InnerTextAsync()).Groups[1].Value, UnitedStates);
        Assert.InRange(members, 1, 50);
        var grid = page.GetByRole(AriaRole.Table).First;
        // The size is shown before the grid's rows: wait for the rows of this segment, every one opted in.
        var shown = Math.Min(members, 25);
        await Expect(grid.Locator("tbody tr")).ToHaveCountAsync(shown);
        await Expect(grid.Locator("tbody tr td:last-child")).ToHaveTextAsync(Enumerable.Repeat("Opted in", shown));
        await Screenshots.SaveAsync(page, "campaigns.png");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export CSV" }).ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), $"campaigns-{Guid.NewGuid():N}.csv");
        await download.SaveAsAsync(path);
        var bytes = await File.ReadAllBytesAsync(path);
        File.Delete(path);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes.Take(3));
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Rank,Card number,Name,", lines[0], StringComparison.Ordinal);
        var rows = lines.Skip(1).Select(ParseCsvLine).ToList();
        Assert.Equal(members, rows.Count);
        var spends = rows.Select(r => decimal.Parse(r[6], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(spends.OrderByDescending(s => s), spends);
        Assert.Equal(Enumerable.Range(1, members).Select(i => i.ToString(CultureInfo.InvariantCulture)), rows.Select(r => r[0]));
        // The file's first rows are the grid's first page: same members, same spend, same order.
        var firstPage = await GridRowsAsync(grid);
        Assert.Equal(firstPage.Select(r => (r[1], decimal.Parse(r[4], NumberStyles.Currency, UnitedStates))),
            rows.Take(firstPage.Count).Select(r => (r[2], decimal.Parse(r[6], CultureInfo.InvariantCulture))));
        await Expect(page.GetByText($"Exported {members} opted-in {(members == 1 ? "member" : "members")}.")).ToBeVisibleAsync();
        Assert.Empty(problems.Seen);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_segment_saved_under_a_name_opens_again_and_a_taken_name_is_refused_at_the_field()
    {
        var page = await app.NewSignedInPageAsync("marketing@demo.test", 1440, 1100);
        var problems = BrowserProblems.Watch(page);
        await page.GotoAsync("/campaigns");
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        var name = $"Lapsed {Guid.NewGuid():N}"[..14];

        await page.GetByLabel("Lapsed for (days)").FillAsync("30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save as new" }).ClickAsync();
        await page.GetByLabel("Segment name").FillAsync(name);
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Listbox, new() { Name = "Saved segments" })).ToContainTextAsync(name);

        await page.GetByRole(AriaRole.Button, new() { Name = "Save as new" }).ClickAsync();
        await page.GetByLabel("Segment name").FillAsync(name.ToUpperInvariant());
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("Another saved segment already has this name.");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();

        await page.ReloadAsync();
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await Expect(page.GetByLabel("Lapsed for (days)")).ToHaveValueAsync("");
        await page.GetByRole(AriaRole.Listbox, new() { Name = "Saved segments" }).GetByText(name).ClickAsync();
        await Expect(page.GetByLabel("Lapsed for (days)")).ToHaveValueAsync("30");
        Assert.Empty(problems.Seen);
        await page.Context.CloseAsync();
    }

    private static async Task<List<string[]>> GridRowsAsync(ILocator grid)
    {
        var rows = grid.Locator("tbody tr");
        await Expect(rows.First).ToBeVisibleAsync();
        var result = new List<string[]>();
        foreach (var row in await rows.AllAsync())
        {
            result.Add([.. (await row.Locator("td").AllInnerTextsAsync()).Select(t => t.Split('\n')[0].Trim())]);
        }
        return result;
    }

    // The export's fields hold no commas or quotes except in names, which the demo data doesn't give them.
    private static string[] ParseCsvLine(string line) => line.Split(',');

    [GeneratedRegex(@"^(\d+) members")]
    private static partial Regex SizeText();
}
