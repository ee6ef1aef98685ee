using MemberCards.Accounts;
using MemberCards.Coupons;
using MemberCards.Data;
using MemberCards.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace MemberCards.E2E;

/// <summary>
/// Coupons at the till: a new member holds two "$1 off $5" coupons (满减), a "Cappuccino on the house" (兑换) and a "$10
/// voucher" (代金券), given through the coupon services — not the coupons pages. Staff redeem one at the till from
/// the member's page, a mistyped code is refused at its field, and the dialog is shown on a desktop and a phone, in
/// English and in Chinese.
/// </summary>
[Collection(nameof(BrowserTests))]
public sealed class CouponTillTests(BrowserFixture app)
{
    private const string Staff = "staff@demo.test";

    [Fact]
    public async Task Staff_redeem_a_coupon_at_the_till_the_total_shows_the_discount_and_a_mistyped_code_is_refused_at_the_field()
    {
        await using var services = AppServices.Over($"Data Source={app.DatabaseFile}");
        var (memberId, codes) = await GiveCouponsAsync(services);
        try
        {
            var staff = await app.NewSignedInPageAsync(Staff);
            var problems = BrowserProblems.Watch(staff);
            await staff.GotoAsync($"/members/{memberId}");
            await Expect(staff.Locator("[data-interactive=true]")).ToBeAttachedAsync();
            var coupons = staff.GetByLabel("The member's coupons");
            // The four given here (the demo's joining gift may be there too).
            await Expect(coupons.Locator("tbody tr").Filter(new() { HasTextString = "$1 off $5" })).ToHaveCountAsync(2);
            await Expect(coupons.Locator("tbody tr").Filter(new() { HasTextString = "$10 voucher" })).ToHaveCountAsync(1);

            var dialog = staff.GetByRole(AriaRole.Dialog);
            await staff.GetByRole(AriaRole.Button, new() { Name = "Record purchase" }).ClickAsync();
            await Expect(dialog.GetByRole(AriaRole.Group, new() { Name = "Coupon $1 off $5" })).ToHaveCountAsync(2);
            await PickAsync(staff, dialog, "Espresso");
            await PickAsync(staff, dialog, "Croissant");
            await Expect(dialog.GetByRole(AriaRole.Status, new() { Name = "Total" })).ToHaveTextAsync("Total $6.00");
            await Expect(dialog.GetByRole(AriaRole.Group, new() { Name = "Coupon $1 off $5" }).First).ToContainTextAsync("saves $1.00");

            var mistyped = codes[0][..^1] + (char)('0' + ((codes[0][^1] - '0' + 1) % 10));
            await dialog.GetByLabel("Coupon code").FillAsync(mistyped);
            await staff.Keyboard.PressAsync("Enter");
            var codeField = dialog.Locator(".mud-input-control").Filter(new() { Has = staff.GetByLabel("Coupon code") });
            await Expect(codeField).ToContainTextAsync("This code's check digit doesn't match: a digit was mistyped or two were swapped.");
            await Expect(dialog.GetByRole(AriaRole.Status, new() { Name = "Total" })).ToHaveTextAsync("Total $6.00");

            await dialog.GetByLabel("Coupon code").FillAsync(CouponCode.Format(codes[0]));
            await staff.Keyboard.PressAsync("Enter");
            await Expect(dialog.GetByRole(AriaRole.Status, new() { Name = "Total" })).ToHaveTextAsync("Total $5.00");
            await Expect(dialog.GetByLabel("Coupon discount")).ToHaveTextAsync("Coupon −$1.00");
            await Expect(codeField).Not.ToContainTextAsync("check digit");
            await Screenshots.SaveAsync(staff, "purchase-coupons.png");
            await staff.Keyboard.PressAsync("Control+Enter");
            await Expect(staff.GetByText("Purchase of $5.00 recorded for")).ToBeVisibleAsync();
            await Expect(coupons.Locator("tbody tr").Filter(new() { HasText = CouponCode.Format(codes[0]) })).ToContainTextAsync("Redeemed");
            await Expect(coupons.Locator("tbody tr").Filter(new() { HasText = CouponCode.Format(codes[0]) })).ToContainTextAsync("$1.00");
            await coupons.ScrollIntoViewIfNeededAsync();
            await Screenshots.SaveAsync(staff, "member-coupons.png");
            Assert.Empty(problems.Seen);
            await staff.Context.CloseAsync();

            await ShowDialogAsync(memberId, 390, "phone-purchase-coupons.png");
            await ShowDialogAsync(memberId, 1280, "zh-CN-purchase-coupons.png", chinese: true);
            await ShowDialogAsync(memberId, 390, "zh-CN-phone-purchase-coupons.png", chinese: true);
        }
        finally
        {
            await app.ForgetLanguageAsync(Staff);
        }
    }

    /// <summary>Opens the dialog for the member with a $10.00 basket and the free Cappuccino's product added, and takes its picture.</summary>
    private async Task ShowDialogAsync(int memberId, int width, string screenshot, bool chinese = false)
    {
        var page = await app.NewSignedInPageAsync(Staff, width: width, height: width < 600 ? 844 : 900);
        var memberPage = $"/members/{memberId}";
        await page.GotoAsync(chinese ? $"/Language?language=zh-CN&returnUrl={Uri.EscapeDataString(memberPage)}" : memberPage);
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await page.GetByRole(AriaRole.Button, new() { Name = chinese ? "记录消费" : "Record purchase" }).ClickAsync();
        await PickAsync(page, dialog, "Sourdough Loaf", chinese ? "添加商品" : "Add product");
        await PickAsync(page, dialog, "Cinnamon Roll", chinese ? "添加商品" : "Add product");
        await dialog.GetByRole(AriaRole.Button, new() { Name = chinese ? "加入Cappuccino并使用" : "Add Cappuccino and use it" }).ClickAsync();
        await Expect(dialog.GetByLabel(chinese ? "优惠券抵扣" : "Coupon discount")).ToBeVisibleAsync();
        // The dialog scrolls on a phone: show the coupons down to the total, once the new line's labels have settled.
        await dialog.GetByRole(AriaRole.Status, new() { Name = chinese ? "合计" : "Total" }).ScrollIntoViewIfNeededAsync();
        await page.WaitForTimeoutAsync(500);
        await Screenshots.SaveAsync(page, screenshot);
        await page.Context.CloseAsync();
    }

    /// <summary>A new member with the four coupons; returns them and the codes of the two "$1 off $5".</summary>
    private static async Task<(int MemberId, IReadOnlyList<string> Codes)> GiveCouponsAsync(IServiceProvider services)
    {
        var created = await services.GetRequiredService<MemberService>().CreateAsync(new NewMember("Katherine Johnson", null, null), Access.System, CancellationToken.None);
        var memberId = created.Value!.MemberId;
        int cappuccino;
        await using (var db = await services.GetRequiredService<IDbContextFactory<MemberCardsDb>>().CreateDbContextAsync())
        {
            cappuccino = await db.Products.Where(p => p.Name == "Cappuccino").Select(p => p.Id).SingleAsync();
        }
        var templates = services.GetRequiredService<CouponTemplateService>();
        var issuing = services.GetRequiredService<CouponIssueService>();
        List<string> codes = [];
        foreach (var (input, times) in new[]
        {
            (new CouponTemplateInput(0, 0, "$1 off $5", CouponKind.AmountOff, ThresholdMinor: 500, AmountOffMinor: 100, ValidDays: 30), 2),
            (new CouponTemplateInput(0, 0, "Cappuccino on the house", CouponKind.FreeProduct, FreeProductId: cappuccino, ValidDays: 30), 1),
            (new CouponTemplateInput(0, 0, "$10 voucher", CouponKind.Voucher, AmountOffMinor: 1000, ValidDays: 30), 1),
        })
        {
            var saved = await templates.SaveAsync(input, Access.System, CancellationToken.None);
            Assert.True(saved.Succeeded);
            for (var i = 0; i < times; i++)
            {
                var issued = await issuing.IssueToMemberAsync(saved.Value!.Id, memberId, Access.System, CancellationToken.None);
                codes.Add(CouponCode.For(issued.Value));
            }
        }
        return (memberId, [.. codes.Take(2)]);
    }

    private static async Task PickAsync(IPage page, ILocator dialog, string product, string addProduct = "Add product")
    {
        await dialog.GetByLabel(addProduct).FillAsync(product);
        await Expect(page.Locator(".mud-popover-open").GetByRole(AriaRole.Option).First).ToContainTextAsync(product);
        await page.Keyboard.PressAsync("Enter");
        await Expect(dialog.GetByLabel(addProduct)).ToHaveValueAsync("");
    }
}
