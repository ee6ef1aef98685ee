using System.Globalization;
using static Microsoft.Playwright.Assertions;

namespace MemberCards.E2E;

[Collection(nameof(BrowserTests))]
public sealed class LiveDashboardTests(BrowserFixture app)
{
    [Fact]
    public async Task A_purchase_recorded_by_staff_moves_the_managers_revenue_today_and_chart_within_two_seconds()
    {
        var manager = await app.NewSignedInPageAsync("manager@demo.test", 1280, 900);
        var dashboard = await DashboardPage.OpenAsync(manager);
        var revenueBefore = await dashboard.KpiValue("Revenue today").InnerTextAsync();
        var pointBefore = await dashboard.LastRevenuePointAsync();
        var staff = await app.NewSignedInPageAsync("staff@demo.test", 1280, 900);
        var cardNumber = await FirstCardNumberAsync(staff);

        await RecordPurchaseAsStaffAsync(staff, cardNumber);

        await Expect(dashboard.KpiValue("Revenue today")).Not.ToHaveTextAsync(revenueBefore, new() { Timeout = 2_000 });
        await manager.WaitForFunctionAsync(
            "before => { const s = ApexCharts.getChartByID('revenue').w.globals.series[0]; return s[s.length - 1] > before; }",
            (double)pointBefore, new() { Timeout = 2_000, PollingInterval = 100 });
        var revenueAfter = decimal.Parse(await dashboard.KpiValue("Revenue today").InnerTextAsync(), NumberStyles.Currency, CultureInfo.GetCultureInfo("en-US"));
        Assert.True(revenueAfter > decimal.Parse(revenueBefore, NumberStyles.Currency, CultureInfo.GetCultureInfo("en-US")));
        Assert.Empty(dashboard.Problems);
        await staff.Context.CloseAsync();
        await manager.Context.CloseAsync();
    }

    private static async Task<string> FirstCardNumberAsync(IPage page)
    {
        await page.GotoAsync("/members");
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        var active = page.Locator("table tbody tr").Filter(new() { Has = page.Locator("td:nth-child(5)", new() { HasTextString = "Active" }) }).First;
        await Expect(active).ToBeVisibleAsync();
        return (await active.Locator("td").Nth(0).InnerTextAsync()).Trim();
    }

    /// <summary>
    /// Records one purchase the way front-desk staff do: "New purchase" in the app bar, the card number typed as a
    /// scanner does (digits and Enter), a product picked by typing and Enter, Ctrl+Enter to save.
    /// </summary>
    internal static async Task RecordPurchaseAsStaffAsync(IPage page, string cardNumber)
    {
        await page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new() { Name = "New purchase" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByLabel("Member", new() { Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(cardNumber.Replace(" ", "", StringComparison.Ordinal));
        await page.Keyboard.PressAsync("Enter");
        await Expect(dialog.GetByLabel("Add product")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Espresso");
        await Expect(page.Locator(".mud-popover-open").GetByRole(AriaRole.Option).First).ToContainTextAsync("Espresso");
        await page.Keyboard.PressAsync("Enter");
        await Expect(dialog.GetByRole(AriaRole.Group, new() { NameRegex = new(": Espresso$") })).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Control+Enter");
        await Expect(dialog).ToBeHiddenAsync();
    }
}
