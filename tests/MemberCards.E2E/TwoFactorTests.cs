using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace MemberCards.E2E;

/// <summary>Two-factor sign-in and sessions, each test with users of its own so the demo accounts stay as they are.</summary>
[Collection(nameof(BrowserTests))]
public sealed class TwoFactorTests(BrowserFixture app)
{
    private const string WrongCode = "That code is wrong or has expired";

    [Fact]
    public async Task A_new_manager_must_set_up_two_factor_first_then_signs_in_with_a_code_or_a_recovery_code_once()
    {
        var (page, email, password) = await NewUserAsync("Manager");
        try
        {
            await NewManagerSignsInAsync(page, email, password);
        }
        finally
        {
            // The other browser tests need manager@demo.test to stay the last manager (UsersTests).
            await ChangeRoleAsync(email, "Staff");
        }
    }

    private static async Task NewManagerSignsInAsync(IPage page, string email, string password)
    {
        var problems = BrowserProblems.Watch(page);
        await Expect(page).ToHaveURLAsync(new Regex("/Account/TwoFactor$"));
        foreach (var elsewhere in new[] { "/members", "/users", "/" })
        {
            await page.GotoAsync(elsewhere);
            await Expect(page).ToHaveURLAsync(new Regex("/Account/TwoFactor$"));
        }
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Managers sign in with a second factor");

        await page.GetByLabel("Code").FillAsync("000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Expect(page.GetByText(WrongCode)).ToBeVisibleAsync();
        var key = await page.GetByLabel("Key").InputValueAsync();
        Assert.Matches("^([a-z2-7]{4} )+[a-z2-7]{4}$", key);
        await page.GetByLabel("Code").FillAsync(BrowserFixture.CodeFor(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();

        var codes = await page.GetByRole(AriaRole.List, new() { Name = "Recovery codes" }).GetByRole(AriaRole.Listitem).AllInnerTextsAsync();
        Assert.Equal(10, codes.Count);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Download as text" })).ToHaveAttributeAsync("download", "member-cards-recovery-codes.txt");
        await page.GetByRole(AriaRole.Link, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Exact = true })).ToBeVisibleAsync();
        await SignOutAsync(page);

        await SignInWithPasswordAsync(page, email, password);
        await BrowserFixture.GiveCodeAsync(page, "123 45x");
        await Expect(page.GetByText(WrongCode)).ToBeVisibleAsync();
        await BrowserFixture.GiveCodeAsync(page, BrowserFixture.CodeFor(key));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Exact = true })).ToBeVisibleAsync();
        await SignOutAsync(page);

        await SignInWithPasswordAsync(page, email, password);
        await BrowserFixture.GiveCodeAsync(page, codes[0].ToLowerInvariant());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Exact = true })).ToBeVisibleAsync();
        await SignOutAsync(page);
        await SignInWithPasswordAsync(page, email, password);
        await BrowserFixture.GiveCodeAsync(page, codes[0]);
        await Expect(page.GetByText(WrongCode)).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Account/SignInCode"));
        Assert.Empty(problems.Seen);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Wrong_codes_lock_the_account_as_wrong_passwords_do()
    {
        var (page, email, password) = await NewUserAsync("Staff");
        var key = await TurnOnAsync(page);
        await SignOutAsync(page);

        await SignInWithPasswordAsync(page, email, password);
        for (var attempt = 1; attempt < 5; attempt++)
        {
            await BrowserFixture.GiveCodeAsync(page, "000000");
            await Expect(page.GetByText(WrongCode)).ToBeVisibleAsync();
        }
        await BrowserFixture.GiveCodeAsync(page, "000000");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("locked after too many failed attempts");
        await BrowserFixture.GiveCodeAsync(page, BrowserFixture.CodeFor(key));
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("locked after too many failed attempts");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_manager_resets_a_staff_members_second_factor_who_then_signs_in_with_the_password_alone()
    {
        var (staff, email, password) = await NewUserAsync("Staff");
        await TurnOnAsync(staff);
        var manager = await app.NewSignedInPageAsync("manager@demo.test");
        var problems = BrowserProblems.Watch(manager);
        await manager.GotoAsync("/users");
        await Expect(manager.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await Expect(manager.GetByRole(AriaRole.Button, new() { Name = "Reset two-factor sign-in of manager@demo.test" })).ToHaveCountAsync(0);

        await manager.GetByRole(AriaRole.Button, new() { Name = $"Reset two-factor sign-in of {email}" }).ClickAsync();

        await Expect(manager.GetByText($"Two-factor sign-in of {email} reset")).ToBeVisibleAsync();
        await Expect(manager.GetByRole(AriaRole.Button, new() { Name = $"Reset two-factor sign-in of {email}" })).ToHaveCountAsync(0);
        await manager.GotoAsync("/audit");
        await Expect(manager.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await manager.GetByLabel("User").FillAsync("manager@demo.test");
        await Expect(manager.GetByRole(AriaRole.Row).Filter(new() { HasText = "Two-factor sign-in reset" }).Filter(new() { HasText = email })).ToHaveCountAsync(1);
        Assert.Empty(problems.Seen);
        await manager.Context.CloseAsync();

        // The reset ended the staff member's open tab; the password alone signs them in now.
        await Expect(staff).ToHaveURLAsync(new Regex("/Account/Login"));
        await BrowserFixture.SignInAsync(staff, email, password);
        await Expect(staff).ToHaveURLAsync(new Regex("/members$"));
        await staff.Context.CloseAsync();
    }

    [Fact]
    public async Task Signing_out_everywhere_else_ends_the_other_browsers_session_and_keeps_this_one()
    {
        var (other, email, password) = await NewUserAsync("Staff");
        await other.GotoAsync("/members");
        await Expect(other.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        var page = await app.NewPageAsync();
        await BrowserFixture.SignInAsync(page, email, password);
        await page.GotoAsync("/Account/Security");
        var sessions = page.GetByRole(AriaRole.List, new() { Name = "Where you are signed in" }).GetByRole(AriaRole.Listitem);
        await Expect(sessions).ToHaveCountAsync(2);
        await Expect(sessions.Filter(new() { HasText = "(this browser)" })).ToHaveCountAsync(1);
        await Expect(sessions.First).ToContainTextAsync("Headless Chrome");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere else" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Signed out everywhere else");
        await Expect(sessions).ToHaveCountAsync(1);
        // The open tab is signed out at its next check (every 2 s in these tests), without a reload; a reload stays out.
        await Expect(other).ToHaveURLAsync(new Regex("/Account/Login"));
        await other.GotoAsync("/members");
        await Expect(other).ToHaveURLAsync(new Regex("/Account/Login\\?ReturnUrl="));
        await page.GotoAsync("/members");
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await other.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("en", 1280)]
    [InlineData("en", 390)]
    [InlineData("zh-CN", 1280)]
    [InlineData("zh-CN", 390)]
    public async Task The_set_up_page_the_code_prompt_and_the_sessions_fit_and_speak_both_languages(string language, int width)
    {
        var (page, email, password) = await NewUserAsync("Staff", width);
        await page.GotoAsync("/Account/TwoFactor");
        var suffix = $"{language}-{width}";
        if (language != "en")
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "中文" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "设置两步验证登录" })).ToBeVisibleAsync();
        }
        await ShotAsync(page, $"two-factor-set-up-{suffix}.png", width);
        var key = await page.GetByLabel(language == "en" ? "Key" : "密钥").InputValueAsync();
        await page.GetByLabel(language == "en" ? "Code" : "验证码").FillAsync(BrowserFixture.CodeFor(key));
        await page.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(10);
        await ShotAsync(page, $"two-factor-recovery-codes-{suffix}.png", width);

        var second = await app.NewPageAsync(width, 844);
        await second.GotoAsync("/Account/Login");
        if (language != "en")
        {
            await second.GetByRole(AriaRole.Link, new() { Name = "中文" }).ClickAsync();
        }
        await second.GetByRole(AriaRole.Textbox).First.FillAsync(email);
        await second.Locator("input[type=password]").FillAsync(password);
        await second.GetByRole(AriaRole.Button).ClickAsync();
        await BrowserFixture.GiveCodeAsync(second, "000000");
        await Expect(second.GetByText(language == "en" ? WrongCode : "验证码错误或已过期")).ToBeVisibleAsync();
        await ShotAsync(second, $"two-factor-code-prompt-{suffix}.png", width);
        await BrowserFixture.GiveCodeAsync(second, BrowserFixture.CodeFor(key));

        await second.GotoAsync("/Account/Security");
        await Expect(second.GetByRole(AriaRole.Listitem).Filter(new() { HasText = language == "en" ? "(this browser)" : "（此浏览器）" })).ToHaveCountAsync(1);
        await ShotAsync(second, $"two-factor-sessions-{suffix}.png", width);
        await page.Context.CloseAsync();
        await second.Context.CloseAsync();
    }

    private static async Task ShotAsync(IPage page, string name, int width)
    {
        await Screenshots.SaveAsync(page, name, fullPage: true);
        var cut = await page.EvaluateAsync<string[]>(PhoneLayoutTests.CutOff);
        Assert.True(cut.Length == 0, $"{name}: cut off at {width} px:\n{string.Join("\n", cut)}");
    }

    /// <summary>A user made by the demo manager on the Users page, signed in once with their own password: the page, email and password.</summary>
    private async Task<(IPage Page, string Email, string Password)> NewUserAsync(string role, int width = 1280)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}"[..18] + "@shop.test";
        var manager = await app.NewSignedInPageAsync("manager@demo.test");
        await manager.GotoAsync("/users");
        await Expect(manager.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await manager.GetByLabel("Email").FillAsync(email);
        await manager.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        var notice = manager.GetByRole(AriaRole.Status).Filter(new() { HasText = "Temporary password" });
        await Expect(notice).ToContainTextAsync(email);
        var temporary = await notice.Locator("code").InnerTextAsync();
        await manager.Context.CloseAsync();
        if (role != "Staff")
        {
            await ChangeRoleAsync(email, role);
        }

        var page = await app.NewPageAsync(width, 844);
        const string password = "my own long passphrase";
        await BrowserFixture.SignInAsync(page, email, temporary);
        await page.GetByLabel("Current password").FillAsync(temporary);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("Repeat the new password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex("/Account/ChangePassword"));
        return (page, email, password);
    }

    private async Task ChangeRoleAsync(string email, string role)
    {
        var manager = await app.NewSignedInPageAsync("manager@demo.test");
        await manager.GotoAsync("/users");
        await Expect(manager.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await manager.GetByLabel($"Role of {email}").ClickAsync();
        await manager.GetByRole(AriaRole.Option, new() { Name = role }).ClickAsync();
        await Expect(manager.GetByText($"{email} is now")).ToBeVisibleAsync();
        await manager.Context.CloseAsync();
    }

    /// <summary>A user who may choose turns two-factor sign-in on from their security page; returns the key.</summary>
    private static async Task<string> TurnOnAsync(IPage page)
    {
        await page.GotoAsync("/Account/Security");
        await Expect(page.GetByText("Off: you sign in with your password alone.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Set up two-factor sign-in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveCountAsync(0);
        var key = await page.GetByLabel("Key").InputValueAsync();
        await page.GetByLabel("Code").FillAsync(BrowserFixture.CodeFor(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(10);
        await page.GotoAsync("/members");
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        return key;
    }

    private static async Task SignInWithPasswordAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Account/SignInCode"));
    }

    private static async Task SignOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login$"));
    }
}
