using MemberCards.Accounts;
using MemberCards.Data;
using MemberCards.Members;
using MemberCards.Tiers;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace MemberCards.E2E;

/// <summary>
/// Tiers at the till: a manager has set the preset thresholds and Gold (a rolling $3,000) to 9.5折 — through the tier service, not the tiers page —,
/// a new member crosses into Gold with a $3,000 purchase in the dialog, and the next purchase shows the Gold discount
/// in the dialog and on the purchase details, in English and in Chinese.
/// </summary>
[Collection(nameof(BrowserTests))]
public sealed class MemberPriceTests(BrowserFixture app)
{
    private const string Staff = "staff@demo.test";

    [Fact]
    public async Task A_member_crosses_into_gold_with_a_purchase_and_the_next_purchase_shows_the_gold_discount_in_the_dialog_and_on_the_details()
    {
        await using var services = AppServices.Over($"Data Source={app.DatabaseFile}");
        // The demo sets its thresholds from its own spend; this test sets the preset ones ($1,000 / $3,000 / $8,000 in 12 months).
        var was = await SetLadderAsync(services, t => t with
        {
            ThresholdMinor = t.Preset switch { TierPreset.Silver => 100_000, TierPreset.Gold => 300_000, TierPreset.Platinum => 800_000, _ => t.ThresholdMinor },
            Measure = t.Preset == TierPreset.Bronze ? t.Measure : TierMeasure.RollingYearSpend,
            PriceRate = t.Preset == TierPreset.Gold ? 9_500 : t.PriceRate,
        });
        const string toSilver = "Bronze. Spend $1,000.00 more to reach Silver.";
        try
        {
            var created = await services.GetRequiredService<MemberService>().CreateAsync(new NewMember("Grace Hopper", null, null), Access.System, CancellationToken.None);
            var (memberId, card) = (created.Value!.MemberId, created.Value.CardNumber);
            var staff = await app.NewSignedInPageAsync(Staff);
            var problems = BrowserProblems.Watch(staff);
            await staff.GotoAsync($"/members/{memberId}");
            await Expect(staff.Locator("[data-interactive=true]")).ToBeAttachedAsync();
            var outlook = staff.GetByRole(AriaRole.Status, new() { Name = "Tier outlook" });
            await Expect(outlook).ToHaveTextAsync(toSilver);

            var dialog = staff.GetByRole(AriaRole.Dialog);
            await staff.GetByRole(AriaRole.Button, new() { Name = "Record purchase" }).ClickAsync();
            await Expect(dialog.GetByRole(AriaRole.Status, new() { Name = "Tier outlook" })).ToHaveTextAsync(toSilver);
            await AddGiftCardAsync(staff, dialog, "1000", "3");
            await Expect(dialog.GetByRole(AriaRole.Status, new() { Name = "Total" })).ToHaveTextAsync("Total $3,000.00");
            await staff.Keyboard.PressAsync("Control+Enter");
            await Expect(staff.GetByText("Purchase of $3,000.00 recorded for")).ToBeVisibleAsync();
            // The crossing purchase is priced at the tier held before it; Gold applies from the next one.
            await Expect(outlook).ToContainTextAsync("Gold until");
            await Expect(staff.GetByLabel("Tier history")).ToContainTextAsync("Bronze → Gold");

            await staff.GetByRole(AriaRole.Button, new() { Name = "Record purchase" }).ClickAsync();
            await Expect(dialog.GetByRole(AriaRole.Status, new() { Name = "Tier outlook" })).ToContainTextAsync("Gold until");
            await AddGiftCardAsync(staff, dialog, "100", "1");
            await Expect(dialog.GetByLabel("Amounts, line 1")).ToContainTextAsync("List $100.00");
            await Expect(dialog.GetByLabel("Amounts, line 1")).ToContainTextAsync("Member price −$5.00");
            await Expect(dialog.GetByLabel("Member discount")).ToHaveTextAsync("List $100.00, member discount −$5.00");
            await Expect(dialog.GetByRole(AriaRole.Status, new() { Name = "Total" })).ToHaveTextAsync("Total $95.00");
            await Screenshots.SaveAsync(staff, "purchase-member-price.png");
            await staff.Keyboard.PressAsync("Control+Enter");
            await Expect(staff.GetByText("Purchase of $95.00 recorded for")).ToBeVisibleAsync();
            await Screenshots.SaveAsync(staff, "member-tier.png", fullPage: true);

            await OpenNewestPurchaseAsync(staff, card);
            await Expect(dialog).ToContainTextAsync("Member discount");
            await Expect(dialog.Locator("tbody tr").First).ToContainTextAsync("-$5.00");
            await Expect(dialog.Locator("tbody tr").First).ToContainTextAsync("$95.00");
            await Screenshots.SaveAsync(staff, "purchase-details-member-price.png");
            Assert.Empty(problems.Seen);

            await staff.GotoAsync($"/Language?language=zh-CN&returnUrl={Uri.EscapeDataString($"/members/{memberId}")}");
            await Expect(staff.GetByRole(AriaRole.Heading, new() { Name = "会员等级" })).ToBeVisibleAsync();
            await Expect(staff.GetByRole(AriaRole.Status, new() { Name = "等级说明" })).ToContainTextAsync("金卡，有效期至");
            await Screenshots.SaveAsync(staff, "zh-CN-member-tier.png", fullPage: true);
            await staff.GetByRole(AriaRole.Button, new() { Name = "记录消费" }).ClickAsync();
            await AddGiftCardAsync(staff, dialog, "100", "1", "添加商品", "单价（第 1 行）", "数量（第 1 行）");
            await Expect(dialog.GetByLabel("会员优惠")).ToContainTextAsync("会员优惠");
            await Screenshots.SaveAsync(staff, "zh-CN-purchase-member-price.png");
            await staff.Keyboard.PressAsync("Escape");
            await OpenNewestPurchaseAsync(staff, card, "会员");
            await Expect(dialog).ToContainTextAsync("会员优惠");
            await Screenshots.SaveAsync(staff, "zh-CN-purchase-details-member-price.png");
            await staff.Context.CloseAsync();
        }
        finally
        {
            await SetLadderAsync(services, t => was.Single(w => w.Id == t.Id) with { Version = t.Version });
            await app.ForgetLanguageAsync(Staff);
        }
    }

    /// <summary>Changes every tier the way the tiers page saves the table; returns the table as it was.</summary>
    private static async Task<IReadOnlyList<TierInput>> SetLadderAsync(IServiceProvider services, Func<TierInput, TierInput> change)
    {
        var tiers = services.GetRequiredService<TierService>();
        var table = (await tiers.ListAsync(CancellationToken.None)).OrderBy(t => t.Rank).ToList();
        var saved = await tiers.SaveAsync([.. table.Select(TierInput.From).Select(change)], [.. table.Select(t => (t.Id, t.Version))], Access.System, CancellationToken.None);
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Select(e => $"{e.Field}: {e.Code}")));
        return [.. table.Select(TierInput.From)];
    }

    private static async Task AddGiftCardAsync(IPage page, ILocator dialog, string unitPrice, string quantity,
        string addProduct = "Add product", string priceLabel = "Unit price, line 1", string quantityLabel = "Quantity, line 1")
    {
        await dialog.GetByLabel(addProduct).FillAsync("Gift Card");
        // The open list's option: a list shut earlier on the page keeps its options in the page, hidden.
        await Expect(page.Locator(".mud-popover-open").GetByRole(AriaRole.Option).First).ToContainTextAsync("Gift Card");
        await page.Keyboard.PressAsync("Enter");
        await dialog.GetByLabel(priceLabel).FillAsync(unitPrice);
        await dialog.GetByLabel(quantityLabel).FillAsync(quantity);
    }

    private static async Task OpenNewestPurchaseAsync(IPage page, string card, string memberLabel = "Member")
    {
        await page.GotoAsync("/purchases");
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await page.GetByLabel(memberLabel, new() { Exact = true }).FillAsync(card);
        var newest = page.Locator("table tbody tr").First;
        await Expect(newest).ToContainTextAsync("$95.00");
        await newest.Locator("td").First.ClickAsync();
    }
}
