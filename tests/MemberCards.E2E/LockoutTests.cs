using static Microsoft.Playwright.Assertions;

namespace MemberCards.E2E;

/// <summary>Runs its own app, so locking an account out doesn't touch the accounts the other browser tests use.</summary>
[Collection(nameof(BrowserTests))]
public sealed class LockoutTests(BrowserFixture app)
{
    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        using var data = new TempFolder();
        await using var own = AppProcess.Start($"Data Source={data.File("lockout.db")}", new Dictionary<string, string>
        {
            ["MemberCards__DemoData__Enabled"] = "false",
        });
        var address = await own.WaitUntilListeningAsync(AppProcess.StartTimeout);
        var context = await app.Browser.NewContextAsync(new() { BaseURL = address.ToString() });
        var page = await context.NewPageAsync();

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await BrowserFixture.SignInAsync(page, "staff@demo.test", $"wrong-password-{attempt}");
        }
        await BrowserFixture.SignInAsync(page, "staff@demo.test", BrowserFixture.DemoPassword);

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("locked after too many failed attempts");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
        Assert.Contains("Sign-in failed (locked out): staff@demo.test", own.Output, StringComparison.Ordinal);
        await context.CloseAsync();
    }
}
