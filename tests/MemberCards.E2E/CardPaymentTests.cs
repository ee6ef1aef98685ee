using static Microsoft.Playwright.Assertions;

namespace MemberCards.E2E;

/// <summary>
/// The card's value from top-up to void: staff top up $500 under the demo's "top up 500, get 80" rule and pay $120 from
/// the card, a manager voids the purchase, and the member page shows each ledger entry and the balances — in English
/// and in Chinese.
/// </summary>
[Collection(nameof(BrowserTests))]
public sealed class CardPaymentTests(BrowserFixture app)
{
    private const string Manager = "manager@demo.test";

    [Fact]
    public async Task Staff_top_up_500_and_pay_120_from_the_card_a_manager_voids_it_and_the_ledger_says_each_step_in_both_languages()
    {
        try
        {
            var staff = await app.NewSignedInPageAsync("staff@demo.test");
            var problems = BrowserProblems.Watch(staff);
            // An active member whose card holds nothing yet: the grid sorted by balance, lowest first.
            await staff.GotoAsync("/members?status=Active&sort=StoredValueMinor");
            await Expect(staff.Locator("[data-interactive=true]")).ToBeAttachedAsync();
            var row = staff.Locator("table tbody tr").First;
            var card = (await row.Locator("td").First.InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
            await row.GetByRole(AriaRole.Link).ClickAsync();
            var value = staff.GetByRole(AriaRole.Heading, new() { Name = "Card value" });
            await Expect(value).ToBeVisibleAsync();
            var memberPage = staff.Url;

            await staff.GetByRole(AriaRole.Button, new() { Name = "Top up", Exact = true }).ClickAsync();
            var dialog = staff.GetByRole(AriaRole.Dialog);
            await dialog.GetByRole(AriaRole.Button, new() { Name = "$500.00", Exact = true }).ClickAsync();
            await Expect(dialog).ToContainTextAsync("$80.00");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Top up", Exact = true }).ClickAsync();
            await Expect(dialog).ToContainTextAsync("recorded.");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
            await Expect(staff.GetByText("$580.00").First).ToBeVisibleAsync();

            await staff.GetByRole(AriaRole.Button, new() { Name = "New purchase" }).ClickAsync();
            await dialog.GetByLabel("Member", new() { Exact = true }).FillAsync(card);
            await staff.Keyboard.PressAsync("Enter");
            await Expect(dialog).ToContainTextAsync("Card $580.00");
            await dialog.GetByLabel("Add product").FillAsync("Gift Card");
            await Expect(staff.Locator(".mud-popover-open").GetByRole(AriaRole.Option).First).ToContainTextAsync("Gift Card");
            await staff.Keyboard.PressAsync("Enter");
            await dialog.GetByLabel("Unit price, line 1").FillAsync("120");
            await Expect(dialog.GetByRole(AriaRole.Status, new() { Name = "Total" })).ToHaveTextAsync("Total $120.00");
            await dialog.GetByText("Pay from the card").ClickAsync();
            // $120 × 500/580 = $103.45 from the principal, $16.55 from the bonus.
            await Expect(dialog).ToContainTextAsync("$103.45 principal + $16.55 bonus");
            await Screenshots.SaveAsync(staff, "purchase-paid-by-card.png");
            await staff.Keyboard.PressAsync("Control+Enter");
            await Expect(staff.GetByText("Purchase of $120.00 recorded for")).ToBeVisibleAsync();
            Assert.Empty(problems.Seen);
            await staff.Context.CloseAsync();

            var manager = await app.NewSignedInPageAsync(Manager);
            await manager.GotoAsync("/purchases");
            await Expect(manager.Locator("[data-interactive=true]")).ToBeAttachedAsync();
            await manager.GetByLabel("Member", new() { Exact = true }).FillAsync(card);
            var newest = manager.Locator("table tbody tr").First;
            await Expect(newest).ToContainTextAsync("$120.00");
            await newest.GetByRole(AriaRole.Button, new() { NameRegex = new("^Void purchase") }).ClickAsync();
            await manager.GetByLabel("Reason").FillAsync("Paid twice");
            await manager.GetByRole(AriaRole.Button, new() { Name = "Void purchase", Exact = true }).ClickAsync();
            await Expect(newest).ToContainTextAsync("Void: Paid twice");

            await manager.GotoAsync(memberPage);
            var ledger = manager.GetByLabel("Card ledger").Locator("tbody tr");
            // Newest first: the void's reversals, the points earned and the payment, the top-up's bonus and principal.
            await Expect(ledger.First).ToContainTextAsync("Void");
            await Expect(manager.GetByLabel("Card ledger")).ToContainTextAsync("Paid from card");
            await Expect(manager.GetByLabel("Card ledger")).ToContainTextAsync("Top-up bonus");
            await Expect(manager.GetByLabel("Card ledger")).ToContainTextAsync("Paid twice");
            await Expect(manager.GetByText("$580.00").First).ToBeVisibleAsync();
            await Screenshots.SaveAsync(manager, "member-card-value.png");

            // What the app bar's language menu does: a full load through /Language, kept on the account.
            await manager.GotoAsync($"/Language?language=zh-CN&returnUrl={Uri.EscapeDataString(new Uri(memberPage).PathAndQuery)}");
            await Expect(manager.GetByRole(AriaRole.Heading, new() { Name = "卡内资产" })).ToBeVisibleAsync();
            var zhLedger = manager.GetByLabel("会员卡流水");
            await Expect(zhLedger).ToContainTextAsync("作废冲回");
            await Expect(zhLedger).ToContainTextAsync("储值支付");
            await Expect(zhLedger).ToContainTextAsync("充值赠送");
            await Expect(manager.GetByText("$580.00").First).ToBeVisibleAsync();
            await Screenshots.SaveAsync(manager, "zh-CN-member-card-value.png");
            await manager.Context.CloseAsync();
        }
        finally
        {
            await app.ForgetLanguageAsync(Manager);
        }
    }
}
