using static Microsoft.Playwright.Assertions;

namespace MemberCards.E2E;

/// <summary>The card's value at the front desk: a top-up with its rule shown before saving, then the ledger saying why.</summary>
[Collection(nameof(BrowserTests))]
public sealed class CardValueTests(BrowserFixture app)
{
    [Fact]
    public async Task Staff_top_up_a_card_from_the_member_page_seeing_the_bonus_first_and_the_ledger_shows_it_on_a_phone_too()
    {
        var page = await app.NewSignedInPageAsync("staff@demo.test");
        var problems = BrowserProblems.Watch(page);
        // The active member with the least on their card, from the grid sorted by balance.
        await page.GotoAsync("/members?status=Active&sort=StoredValueMinor");
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await page.Locator("table tbody tr").First.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Card value" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Top up", Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Group, new() { Name = "Amounts of the top-up rules" }).GetByRole(AriaRole.Button).First.ClickAsync();
        await Expect(dialog).ToContainTextAsync("Rule: top up");
        await Expect(dialog).ToContainTextAsync("Balance after");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Top up", Exact = true }).ClickAsync();
        await Expect(dialog).ToContainTextAsync("recorded.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();

        var ledger = page.GetByLabel("Card ledger");
        await Expect(ledger.Locator("tbody tr").First).ToContainTextAsync("Top-up bonus");
        await Expect(ledger.Locator("tbody tr").Nth(1)).ToContainTextAsync("staff@demo.test");

        Assert.Empty(problems.Seen);
        var member = page.Url;
        await page.Context.CloseAsync();

        // The same page on the phone at the counter: the ledger's rows become cards that fit the screen.
        var phone = await app.NewSignedInPageAsync("staff@demo.test", 390, 844);
        await phone.GotoAsync(member);
        await Expect(phone.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await Expect(phone.GetByLabel("Card ledger").Locator("tbody tr").First).ToContainTextAsync("Top-up bonus");
        var cut = await phone.EvaluateAsync<string[]>(PhoneLayoutTests.CutOff);
        Assert.True(cut.Length == 0, $"Cut off at 390 px:\n{string.Join("\n", cut)}");
        await phone.Context.CloseAsync();
    }
}
