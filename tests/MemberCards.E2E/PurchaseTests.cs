using System.Globalization;
using static Microsoft.Playwright.Assertions;

namespace MemberCards.E2E;

[Collection(nameof(BrowserTests))]
public sealed class PurchaseTests(BrowserFixture app)
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    [Fact]
    public async Task Staff_records_a_two_line_purchase_by_keyboard_and_a_manager_voids_it_so_the_figures_go_back()
    {
        var staff = await app.NewSignedInPageAsync("staff@demo.test");
        var problems = BrowserProblems.Watch(staff);
        await staff.GotoAsync("/members");
        await Expect(staff.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        // A member at the entry tier, who pays list prices (the demo gives the higher tiers a member price).
        var bronze = staff.Locator("table tbody tr").Filter(new() { HasTextString = "Bronze" }).First;
        var card = (await bronze.Locator("td").First.InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        var before = await MemberFiguresAsync(staff, card);

        // The shortcut is announced once it is listened for.
        await Expect(staff.Locator("[aria-keyshortcuts='Alt+N']")).ToBeVisibleAsync();
        await staff.Keyboard.PressAsync("Alt+n");
        var dialog = staff.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByLabel("Member", new() { Exact = true })).ToBeFocusedAsync();
        await staff.Keyboard.TypeAsync(card);
        await staff.Keyboard.PressAsync("Enter");
        await Expect(dialog.GetByLabel("Add product")).ToBeFocusedAsync();
        await PickAsync(staff, "Espresso");
        await PickAsync(staff, "Croissant");
        await Expect(dialog.GetByRole(AriaRole.Status, new() { Name = "Total" })).ToHaveTextAsync("Total $6.00");
        await Screenshots.SaveAsync(staff, "purchase-dialog.png");
        await staff.Keyboard.PressAsync("Control+Enter");

        await Expect(staff.GetByText("Purchase of $6.00 recorded for")).ToBeVisibleAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        Assert.Equal((before.Count + 1, before.Spent + 6.00m), await MemberFiguresAsync(staff, card));
        Assert.Empty(problems.Seen);
        await staff.Context.CloseAsync();

        var manager = await app.NewSignedInPageAsync("manager@demo.test");
        await manager.GotoAsync("/purchases");
        await Expect(manager.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await manager.GetByLabel("Member", new() { Exact = true }).FillAsync(card);
        var newest = manager.Locator("table tbody tr").First;
        await Expect(newest).ToContainTextAsync("$6.00");
        await Expect(newest).ToContainTextAsync("staff@demo.test");
        await newest.GetByRole(AriaRole.Button, new() { NameRegex = new("^Void purchase") }).ClickAsync();
        await manager.GetByRole(AriaRole.Button, new() { Name = "Void purchase", Exact = true }).ClickAsync();
        await Expect(manager.GetByText("Say why the purchase is voided.")).ToBeVisibleAsync();
        await manager.GetByLabel("Reason").FillAsync("Customer changed their mind");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Void purchase", Exact = true }).ClickAsync();

        await Expect(newest).ToContainTextAsync("Void: Customer changed their mind");
        await Expect(newest).ToHaveCSSAsync("text-decoration-line", "line-through");
        Assert.Equal(before, await MemberFiguresAsync(manager, card));
        await manager.Context.CloseAsync();
    }

    [Fact]
    public async Task A_scanned_card_that_nobody_holds_is_said_so_and_nothing_can_be_saved_without_a_member()
    {
        var staff = await app.NewSignedInPageAsync("staff@demo.test");
        await staff.GetByRole(AriaRole.Button, new() { Name = "New purchase" }).ClickAsync();
        var dialog = staff.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Member", new() { Exact = true }).FillAsync("123456789018");
        await staff.Keyboard.PressAsync("Enter");
        await Expect(dialog.GetByText("No member has this card number, phone or name.")).ToBeVisibleAsync();

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save purchase" }).ClickAsync();

        await Expect(dialog.GetByText("Find the member first: scan or type their card number, then Enter.")).ToBeVisibleAsync();
        await Expect(dialog.GetByText("Add at least one product.")).ToBeVisibleAsync();
        await staff.Context.CloseAsync();
    }

    // Types part of the name, waits for the catalog to offer it, and takes it with Enter, as a cashier does.
    private static async Task PickAsync(IPage page, string product)
    {
        await page.Keyboard.TypeAsync(product);
        await Expect(page.Locator(".mud-popover-open").GetByRole(AriaRole.Option).First).ToContainTextAsync(product);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Group, new() { NameRegex = new($": {product}$") })).ToBeVisibleAsync();
    }

    // The member's stored figures, as the members grid shows them for a search by card number.
    private static async Task<(int Count, decimal Spent)> MemberFiguresAsync(IPage page, string card)
    {
        await page.GotoAsync("/members");
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await page.GetByLabel("Search members").FillAsync(card);
        // The whole number as the grid prints it: the row of the member searched for, and no other row beside it.
        var row = page.Locator("table tbody tr", new() { HasText = $"{card[..4]} {card[4..8]} {card[8..]}" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(page.Locator("table tbody tr")).ToHaveCountAsync(1);
        var headers = (await page.Locator("table thead th").AllInnerTextsAsync()).Select(h => h.Trim()).ToList();
        var cells = await row.Locator("td").AllInnerTextsAsync();
        return (int.Parse(cells[headers.IndexOf("Purchases")], English),
            decimal.Parse(cells[headers.IndexOf("Total spend")], NumberStyles.Currency, English));
    }
}
