using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace MemberCards.E2E;

/// <summary>A manager merges two cards of one customer found on the duplicates page, finds the kept member by the other card, then undoes it.</summary>
[Collection(nameof(BrowserTests))]
public sealed partial class MergeTests(BrowserFixture app)
{
    private static async Task<string> AddMemberAsync(IPage page, string name, string phoneDigits)
    {
        await page.GotoAsync("/members");
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "New member" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name").FillAsync(name);
        await dialog.GetByLabel("Phone").FillAsync(phoneDigits);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Issue card" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name })).ToBeVisibleAsync();
        return (await page.GetByText(CardLine()).InnerTextAsync()).Replace("Card ", "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manager_merges_a_pair_from_the_duplicates_page_the_other_card_finds_the_kept_member_and_unmerges()
    {
        var page = await app.NewSignedInPageAsync("manager@demo.test");
        var problems = BrowserProblems.Watch(page);
        var name = "Rosalind Franklin " + Random.Shared.Next(1_000, 9_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var phone = "7" + Random.Shared.NextInt64(100_000_000, 999_999_998).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var keptCard = await AddMemberAsync(page, name, phone);
        var otherCard = await AddMemberAsync(page, name, phone[..^1] + (char)(phone[^1] + 1));

        await page.GotoAsync("/members/duplicates");
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        var pair = page.GetByRole(AriaRole.Row).Filter(new() { HasText = otherCard });
        await Expect(pair).ToContainTextAsync("Same name, similar phone");
        await Screenshots.SaveAsync(page, "duplicates.png");
        await pair.GetByRole(AriaRole.Button, new() { Name = "Merge…" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.Locator("[aria-label='The two members side by side']")).ToContainTextAsync(otherCard);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Merge", Exact = true }).ClickAsync();
        await Expect(page.GetByText($"Merged: card {otherCard} now finds {name}.")).ToBeVisibleAsync();

        await page.GotoAsync("/members?q=" + Uri.EscapeDataString(otherCard));
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await Expect(page.GetByText(new Regex("was replaced on .*merged"))).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = keptCard })).ToBeVisibleAsync();

        await page.GotoAsync("/members/duplicates");
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        var merge = page.Locator("[aria-label='Merges']").GetByRole(AriaRole.Row).Filter(new() { HasText = otherCard });
        await merge.GetByRole(AriaRole.Button, new() { Name = "Unmerge" }).ClickAsync();
        await Expect(page.GetByText("Unmerged: both members are as they were.")).ToBeVisibleAsync();
        await Expect(merge).ToContainTextAsync("Undone");

        await page.GotoAsync("/members?q=" + Uri.EscapeDataString(otherCard));
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = otherCard })).ToBeVisibleAsync();
        await Expect(page.GetByText(new Regex("was replaced on"))).Not.ToBeVisibleAsync();
        Assert.Empty(problems.Seen);
        await page.Context.CloseAsync();
    }

    [GeneratedRegex(@"^Card \d{4} \d{4} \d{4}$")]
    private static partial Regex CardLine();
}
