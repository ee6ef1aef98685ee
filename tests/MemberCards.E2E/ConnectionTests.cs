using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using static Microsoft.Playwright.Assertions;

namespace MemberCards.E2E;

/// <summary>The connection to the server drops for real (a cut TCP proxy): what staff see, and what becomes of a purchase.</summary>
[Collection(nameof(BrowserTests))]
public sealed class ConnectionTests(BrowserFixture app)
{
    // Where PurchaseConfirmations keeps an open dialog's idempotency key in the tab.
    private const string KeyInEntry = "() => sessionStorage.getItem('memberCards.purchaseInEntry')";

    private static readonly string[] Lines =
        [ReconnectTexts.Rejoining, ReconnectTexts.RetryingBefore, ReconnectTexts.Failed, ReconnectTexts.Paused, ReconnectTexts.ResumeFailed];

    [Fact]
    public async Task A_cut_connection_shows_one_reconnect_state_at_a_time_and_the_open_basket_is_still_there_to_save()
    {
        await using var proxy = CuttableProxy.Start(app.BaseAddress);
        var page = await app.NewSignedInPageAsync("staff@demo.test", 1280, 900, proxy.Address);
        await OpenBasketAsync(page);
        var reconnect = page.Locator("#components-reconnect-modal");

        proxy.Cut();

        // The first attempt fails at once on a cut link, so "rejoining" may already have given way to "retrying".
        await Expect(reconnect).ToBeVisibleAsync();
        await Expect(reconnect.Locator("p:visible")).ToHaveCountAsync(1);
        var shown = Assert.Single(await VisibleLinesAsync(reconnect));
        Assert.True(shown == ReconnectTexts.Rejoining || shown.StartsWith(ReconnectTexts.RetryingBefore, StringComparison.Ordinal), shown);
        await Expect(reconnect).ToHaveCSSAsync("background-color", "rgb(255, 255, 255)");
        await Expect(reconnect).ToHaveCSSAsync("border-radius", "4px");
        var box = (await reconnect.BoundingBoxAsync())!;
        Assert.InRange(box.X + (box.Width / 2), 620, 660); // centred, not in the top-left corner
        await Screenshots.SaveAsync(page, "reconnect.png");
        await Expect(reconnect.GetByText(ReconnectTexts.RetryingBefore)).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.StartsWith(ReconnectTexts.RetryingBefore, Assert.Single(await VisibleLinesAsync(reconnect)), StringComparison.Ordinal);

        proxy.Restore();

        await Expect(reconnect).ToBeHiddenAsync(new() { Timeout = 60_000 });
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByRole(AriaRole.Group, new() { NameRegex = new(": Espresso$") })).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save purchase" }).ClickAsync();
        await Expect(page.GetByText("Purchase of $2.80 recorded for")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("components-reconnect-show", "Rejoining", null)]
    [InlineData("components-reconnect-show components-reconnect-retrying", "RetryingBefore", null)]
    [InlineData("components-reconnect-failed", "Failed", "Retry")]
    [InlineData("components-reconnect-paused", "Paused", "Resume")]
    [InlineData("components-reconnect-resume-failed", "ResumeFailed", "Resume")]
    public async Task Every_reconnect_state_shows_its_own_line_and_button_in_the_dark_theme_too(string classes, string line, string? button)
    {
        var page = await app.NewSignedInPageAsync("staff@demo.test", 390, 800, colorScheme: ColorScheme.Dark);
        var reconnect = page.Locator("#components-reconnect-modal");
        // The layout takes the system's dark mode just after its first interactive render.
        await Expect(page.Locator("body")).Not.ToHaveCSSAsync("background-color", "rgb(255, 255, 255)");

        // The classes Blazor's script sets for each state (blazor.web.js adds "retrying" beside "show").
        await reconnect.EvaluateAsync("(dialog, classes) => { dialog.className = classes; dialog.showModal(); }", classes);

        var text = (string)typeof(ReconnectTexts).GetField(line)!.GetValue(null)!;
        await ExpectOnlyAsync(reconnect, text);
        foreach (var name in new[] { ReconnectTexts.Retry, ReconnectTexts.Resume })
        {
            var shown = reconnect.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });
            await (name == button ? Expect(shown).ToBeVisibleAsync() : Expect(shown).ToBeHiddenAsync());
        }
        await Expect(reconnect).Not.ToHaveCSSAsync("background-color", "rgb(255, 255, 255)");
        var box = (await reconnect.BoundingBoxAsync())!;
        Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"The dialog spans {box.X}–{box.X + box.Width} px of a 390 px screen.");
        if (line == "Failed")
        {
            await Screenshots.SaveAsync(page, "reconnect-failed-dark-phone.png");
        }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_purchase_whose_answer_was_lost_in_a_ten_second_outage_is_confirmed_with_its_receipt_on_reconnect()
    {
        await using var proxy = CuttableProxy.Start(app.BaseAddress);
        var page = await app.NewSignedInPageAsync("staff@demo.test", 1280, 900, proxy.Address);
        await OpenBasketAsync(page);
        var key = await page.EvaluateAsync<string>(KeyInEntry);

        var receipt = await SaveWithTheAnswerLostAsync(page, proxy, key);
        // Longer than the "recorded" snackbar lives on the server: without the re-check it expires unseen.
        await Task.Delay(TimeSpan.FromSeconds(10));
        proxy.Restore();

        await Expect(page.GetByText($"Recorded — receipt {receipt}: $2.80 for")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.GetByRole(AriaRole.Dialog, new() { NameRegex = new Regex("^New purchase") })).ToHaveCountAsync(0);
        Assert.Equal(1, await CountWithKeyAsync(key));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task After_a_reload_staff_learn_that_the_purchase_whose_answer_was_lost_was_recorded()
    {
        await using var proxy = CuttableProxy.Start(app.BaseAddress);
        var page = await app.NewSignedInPageAsync("staff@demo.test", 1280, 900, proxy.Address);
        await OpenBasketAsync(page);
        var key = await page.EvaluateAsync<string>(KeyInEntry);
        var receipt = await SaveWithTheAnswerLostAsync(page, proxy, key);

        // Reloading while the link is down fails (the tab keeps its sessionStorage); the next load gets through.
        await Assert.ThrowsAsync<PlaywrightException>(() => page.ReloadAsync());
        proxy.Restore();
        // Chromium may first try a socket it opened while the link was down, and the page's own reconnect script may
        // reload it meanwhile ("interrupted by another navigation"): once the page has settled, the next attempt gets through.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await page.GotoAsync(proxy.Address + "members");
                break;
            }
            catch (PlaywrightException) when (attempt < 10)
            {
                await SettledAsync(page);
            }
        }
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();

        await Expect(page.GetByText($"Recorded — receipt {receipt}: $2.80 for")).ToBeVisibleAsync();
        Assert.Null(await page.EvaluateAsync<string?>(KeyInEntry));
        Assert.Equal(1, await CountWithKeyAsync(key));
        await page.Context.CloseAsync();
    }

    private static async Task SettledAsync(IPage page)
    {
        try
        {
            await page.WaitForLoadStateAsync(LoadState.Load, new() { Timeout = 5_000 });
        }
        catch (PlaywrightException)
        {
            // A page still failing to load: the next navigation replaces it anyway.
        }
    }

    // The app's answers are dropped, Save is pressed, and once the purchase is in the database the link is cut.
    private async Task<long> SaveWithTheAnswerLostAsync(IPage page, CuttableProxy proxy, string key)
    {
        proxy.HoldAnswers();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Save purchase" }).ClickAsync();
        // The page cannot show the save (its answers are held), so the database is the only sign: poll it.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        long? id;
        while ((id = await IdWithKeyAsync(key)) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "The save did not reach the server.");
            await Task.Delay(100);
        }
        proxy.Cut();
        return id.Value;
    }

    private async Task<long?> IdWithKeyAsync(string key)
    {
        await using var connection = Open();
        var command = connection.CreateCommand();
        command.CommandText = "SELECT Id FROM Purchases WHERE upper(IdempotencyKey) = upper($key)";
        command.Parameters.AddWithValue("$key", key);
        return await command.ExecuteScalarAsync() as long?;
    }

    private async Task<long> CountWithKeyAsync(string key)
    {
        await using var connection = Open();
        var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Purchases WHERE upper(IdempotencyKey) = upper($key)";
        command.Parameters.AddWithValue("$key", key);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = app.DatabaseFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }

    // The dialog's lines that show at this moment, read at once (a state can change between two locator checks).
    private static Task<string[]> VisibleLinesAsync(ILocator reconnect) =>
        reconnect.EvaluateAsync<string[]>("dialog => [...dialog.querySelectorAll('p')].filter(p => p.checkVisibility()).map(p => p.innerText.trim())");

    private static async Task ExpectOnlyAsync(ILocator reconnect, string shown)
    {
        foreach (var line in Lines)
        {
            var located = reconnect.GetByText(line);
            await (line == shown ? Expect(located).ToBeVisibleAsync() : Expect(located).ToBeHiddenAsync());
        }
    }

    // A purchase dialog for an active member with one espresso in the basket, not saved yet.
    private static async Task OpenBasketAsync(IPage page)
    {
        await page.GotoAsync("/members");
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        var active = page.Locator("table tbody tr").Filter(new() { Has = page.Locator("td:nth-child(5)", new() { HasTextString = "Active" }) }).First;
        var card = (await active.Locator("td").Nth(0).InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal).Trim();
        await page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new() { Name = "New purchase" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByLabel("Member", new() { Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(card);
        await page.Keyboard.PressAsync("Enter");
        await Expect(dialog.GetByLabel("Add product")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Espresso");
        await Expect(page.Locator(".mud-popover-open").GetByRole(AriaRole.Option).First).ToContainTextAsync("Espresso");
        await page.Keyboard.PressAsync("Enter");
        await Expect(dialog.GetByRole(AriaRole.Group, new() { NameRegex = new(": Espresso$") })).ToBeVisibleAsync();
    }
}
