using static Microsoft.Playwright.Assertions;

namespace MemberCards.E2E;

[Collection(nameof(BrowserTests))]
public sealed class PagesTests(BrowserFixture app)
{
    [Fact]
    public async Task Searching_members_by_part_of_a_name_narrows_the_grid()
    {
        var page = await app.NewSignedInPageAsync("staff@demo.test", 1280, 900);
        var problems = BrowserProblems.Watch(page);
        await page.GotoAsync("/members");
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        var rows = page.Locator("table tbody tr");
        await Expect(rows).ToHaveCountAsync(25);
        var name = (await rows.First.Locator("td").Nth(1).InnerTextAsync()).Split('\n')[0].Trim();
        await Screenshots.SaveAsync(page, "members.png");

        await page.GetByLabel("Search members").FillAsync(name);

        await Expect(rows.First).ToContainTextAsync(name);
        await Expect(rows).Not.ToHaveCountAsync(25);
        // Waited for, not read once: the grid may still be swapping the unfiltered rows for the matches.
        await Expect(rows.Filter(new() { HasNotTextString = name })).ToHaveCountAsync(0);
        Assert.Empty(problems.Seen);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_purchases_page_lists_the_newest_purchase_first()
    {
        var page = await app.NewSignedInPageAsync("staff@demo.test", 1280, 900);
        var problems = BrowserProblems.Watch(page);
        await page.GotoAsync("/purchases");
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        var rows = page.Locator("table tbody tr");
        await Expect(rows).ToHaveCountAsync(25);

        var times = await rows.Locator("td:first-child").AllInnerTextsAsync();
        var parsed = times.Select(t => DateTime.Parse(t.Replace('\u202f', ' '), System.Globalization.CultureInfo.GetCultureInfo("en-US"))).ToList();
        Assert.Equal(parsed.OrderByDescending(t => t), parsed);
        Assert.Empty(problems.Seen);
        await page.Context.CloseAsync();
    }
}
