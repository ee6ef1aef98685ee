using System.Text.RegularExpressions;
using MemberCards.Accounts;
using MemberCards.CardValue;
using MemberCards.Data;
using MemberCards.Members;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace MemberCards.E2E;

[Collection(nameof(BrowserTests))]
public sealed partial class MembersTests(BrowserFixture app)
{
    /// <summary>Adds a member through the "New member" dialog with a phone no other test uses; returns the page on the member's page.</summary>
    private static async Task<string> AddMemberAsync(IPage page, string name, string phoneDigits)
    {
        await page.GotoAsync("/members");
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "New member" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name").FillAsync(name);
        await dialog.GetByLabel("Phone").FillAsync($"({phoneDigits[..3]}) {phoneDigits[3..6]}-{phoneDigits[6..]}");
        await dialog.GetByLabel("Email").FillAsync($"{phoneDigits}@example.com");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Issue card" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(MemberPage());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name })).ToBeVisibleAsync();
        return await page.GetByText(CardLine()).InnerTextAsync();
    }

    private static string NewPhone() => "7" + Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Staff_find_a_member_by_a_phone_fragment_and_fix_the_email_inline()
    {
        var page = await app.NewSignedInPageAsync("staff@demo.test");
        var problems = BrowserProblems.Watch(page);
        var phone = NewPhone();
        await AddMemberAsync(page, "Edith Clarke", phone);

        await page.GotoAsync("/members");
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await page.GetByLabel("Search members").FillAsync($"{phone[3..6]}-{phone[6..]}");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Edith Clarke" });
        await Expect(row).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("q="));

        await row.GetByRole(AriaRole.Button, new() { Name = "Edit Edith Clarke" }).ClickAsync();
        // The row opens with the focus in Name: typing elsewhere before that would race the autofocus.
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToBeFocusedAsync();
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync("edith@@example");
        await page.GetByLabel("Email", new() { Exact = true }).PressAsync("Enter");
        await Expect(page.GetByText("Enter an email like name@example.com.")).ToBeVisibleAsync();
        await page.GetByLabel("Email", new() { Exact = true }).PressAsync("Escape");
        await page.ReloadAsync();
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await Expect(row).ToContainTextAsync($"{phone}@example.com");

        await row.GetByRole(AriaRole.Button, new() { Name = "Edit Edith Clarke" }).ClickAsync();
        // The row opens with the focus in Name: typing elsewhere before that would race the autofocus.
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToBeFocusedAsync();
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync("edith.clarke@example.com");
        await page.GetByLabel("Email", new() { Exact = true }).PressAsync("Enter");
        await Expect(page.GetByText("Saved Edith Clarke.")).ToBeVisibleAsync();

        await page.ReloadAsync();
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await Expect(row).ToContainTextAsync("edith.clarke@example.com");
        Assert.Empty(problems.Seen);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_lost_card_is_replaced_and_its_old_number_still_finds_the_member()
    {
        var page = await app.NewSignedInPageAsync("staff@demo.test");
        var oldCard = (await AddMemberAsync(page, "Hedy Lamarr", NewPhone())).Replace("Card ", "", StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "Card actions for Hedy Lamarr" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Report card lost…" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Report card lost" }).ClickAsync();
        await Expect(page.GetByText(new Regex("^New card .* issued to Hedy Lamarr\\.$"))).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = oldCard })).ToContainTextAsync("(lost)");

        await page.GotoAsync("/members?q=" + Uri.EscapeDataString(oldCard));
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await Expect(page.GetByText(new Regex("was replaced on"))).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Hedy Lamarr" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_top_spender_from_a_sorted_link_has_the_same_figures_on_their_page()
    {
        var page = await app.NewSignedInPageAsync("manager@demo.test");
        var problems = BrowserProblems.Watch(page);
        await page.GotoAsync("/members?sort=TotalSpentMinor&desc=true");
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        var top = page.GetByRole(AriaRole.Row).Nth(1);
        await Expect(top.GetByRole(AriaRole.Link)).ToBeVisibleAsync();
        var cells = await top.GetByRole(AriaRole.Cell).AllInnerTextsAsync();
        // Cells by their column's header: the grid has more money columns (balance) than total spend.
        var headers = (await page.GetByRole(AriaRole.Row).First.GetByRole(AriaRole.Columnheader).AllInnerTextsAsync()).Select(h => h.Trim()).ToList();
        var spend = cells[headers.FindIndex(h => h.StartsWith("Total spend", StringComparison.Ordinal))].Trim();
        var count = cells[headers.FindIndex(h => h.StartsWith("Purchases", StringComparison.Ordinal))].Trim();

        await top.GetByRole(AriaRole.Link).ClickAsync();

        await Expect(page).ToHaveURLAsync(MemberPage());
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Total spend" })).ToContainTextAsync(spend);
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Purchases" }).First).ToContainTextAsync(count);
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Spend per month, last 12 months" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "member.png");
        Assert.Empty(problems.Seen);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_purchase_recorded_from_a_grid_row_moves_that_rows_count_and_spend_at_once()
    {
        var page = await app.NewSignedInPageAsync("staff@demo.test");
        var problems = BrowserProblems.Watch(page);
        var card = (await AddMemberAsync(page, "Lise Meitner", NewPhone())).Replace("Card ", "", StringComparison.Ordinal);
        await page.GotoAsync("/members?q=" + Uri.EscapeDataString(card));
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Lise Meitner" });
        await Expect(row).ToContainTextAsync("$0.00");

        await row.GetByRole(AriaRole.Button, new() { Name = "Record a purchase for Lise Meitner" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByLabel("Add product")).ToBeFocusedAsync();
        foreach (var product in new[] { "Espresso", "Croissant" })
        {
            await page.Keyboard.TypeAsync(product);
            await Expect(page.Locator(".mud-popover-open").GetByRole(AriaRole.Option).First).ToContainTextAsync(product);
            await page.Keyboard.PressAsync("Enter");
            await Expect(dialog.GetByRole(AriaRole.Group, new() { NameRegex = new($": {product}$") })).ToBeVisibleAsync();
        }
        await Expect(dialog.GetByRole(AriaRole.Status, new() { Name = "Total" })).ToHaveTextAsync("Total $6.00");
        await page.Keyboard.PressAsync("Control+Enter");

        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(row).ToContainTextAsync("$6.00");
        var cells = (await row.GetByRole(AriaRole.Cell).AllInnerTextsAsync()).Select(c => c.Trim()).ToList();
        Assert.Equal("1", cells[cells.IndexOf("$6.00") - 1]);
        Assert.Empty(problems.Seen);
        await page.Context.CloseAsync();
    }

    // How far the members grid reaches past the screen's right edge, and how far any box around it scrolls sideways.
    private const string GridOverflow = """
        table => {
          let scrolls = 0;
          for (let p = table.parentElement; p; p = p.parentElement) {
            if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX)) scrolls = Math.max(scrolls, p.scrollWidth - p.clientWidth);
          }
          return [Math.max(0, table.getBoundingClientRect().right - document.documentElement.clientWidth), scrolls];
        }
        """;

    [Theory]
    [InlineData("en", "/members")]
    [InlineData("en", "/members?sort=TotalSpentMinor&desc=true")]
    [InlineData("zh-CN", "/members")]
    [InlineData("zh-CN", "/members?sort=StoredValueMinor&desc=true")]
    public async Task At_1280_px_beside_the_menu_every_column_of_the_members_grid_is_on_screen_without_scrolling(string language, string address)
    {
        const string staff = "staff@demo.test";
        var longName = address.Contains("StoredValueMinor", StringComparison.Ordinal) ? await AddTopMemberWithALongNameAsync() : null;
        try
        {
            var page = await app.NewSignedInPageAsync(staff, 1280, 900);
            var problems = BrowserProblems.Watch(page);
            await page.GotoAsync($"/Language?language={language}&returnUrl={Uri.EscapeDataString(address)}");
            await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
            var grid = page.GetByRole(AriaRole.Table);
            await Expect(grid.GetByRole(AriaRole.Row).Nth(1).GetByRole(AriaRole.Link)).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Navigation)).ToBeVisibleAsync();
            if (longName is not null)
            {
                await Expect(grid.GetByText(longName)).ToBeVisibleAsync();
            }

            var overflow = await grid.EvaluateAsync<double[]>(GridOverflow);
            Assert.True(overflow[0] <= 0.5 && overflow[1] <= 0, $"The grid reaches {overflow[0]} px past the screen and scrolls {overflow[1]} px sideways.");
            foreach (var column in language == "en" ? new[] { "Total spend", "Balance", "Points", "Last purchase" } : ["累计消费", "储值余额", "积分", "最近消费"])
            {
                await Expect(grid.GetByRole(AriaRole.Columnheader, new() { Name = column })).ToBeInViewportAsync(new() { Ratio = 1 });
            }
            Assert.Empty(problems.Seen);
            await page.Context.CloseAsync();
        }
        finally
        {
            await app.ForgetLanguageAsync(staff);
        }
    }

    // A company as a member (a long Chinese name without a space, a long email and notes) with the largest balance, so it
    // is on the first page sorted by balance whatever the other tests left in the shared database.
    private async Task<string> AddTopMemberWithALongNameAsync()
    {
        await using var services = AppServices.Over($"Data Source={app.DatabaseFile}");
        const string name = "上海静安区老城隍庙餐饮管理有限公司";
        var created = await services.GetRequiredService<MemberService>().CreateAsync(
            new NewMember(name, "procurement.department@laochenghuangmiao-catering.example.com", null, Notes: "每月结算，发票抬头与名称一致"),
            Access.System, CancellationToken.None);
        var toppedUp = await services.GetRequiredService<TopUpService>().RecordAsync(
            new NewTopUp(created.Value!.MemberId, 400_000, PaymentMethod.BankCard), Access.System, CancellationToken.None);
        Assert.True(toppedUp.Succeeded, string.Join(", ", toppedUp.Errors.Select(e => e.Code)));
        return name;
    }

    [GeneratedRegex("/members/\\d+$")]
    private static partial Regex MemberPage();

    [GeneratedRegex("^Card \\d{4} \\d{4} \\d{4}$")]
    private static partial Regex CardLine();
}
