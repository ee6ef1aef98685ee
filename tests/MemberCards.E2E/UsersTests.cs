using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace MemberCards.E2E;

[Collection(nameof(BrowserTests))]
public sealed class UsersTests(BrowserFixture app)
{
    [Fact]
    public async Task A_manager_adds_a_user_who_must_choose_a_password_at_the_first_sign_in()
    {
        var email = $"new-{Guid.NewGuid():N}"[..12] + "@shop.test";
        var manager = await app.NewSignedInPageAsync("manager@demo.test");
        var problems = BrowserProblems.Watch(manager);
        await manager.GotoAsync("/users");
        await Expect(manager.Locator("[data-interactive=true]")).ToBeAttachedAsync();

        await manager.GetByLabel("Email").FillAsync(email);
        await manager.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();

        var notice = manager.GetByRole(AriaRole.Status).Filter(new() { HasText = "Temporary password" });
        await Expect(notice).ToContainTextAsync(email);
        await Expect(manager.GetByRole(AriaRole.Row).Filter(new() { HasText = email })).ToContainTextAsync("Must change password");
        await Screenshots.SaveAsync(manager, "users.png");
        var temporary = await notice.Locator("code").InnerTextAsync();
        Assert.Empty(problems.Seen);

        var newcomer = await app.NewPageAsync();
        await BrowserFixture.SignInAsync(newcomer, email, temporary);
        await Expect(newcomer).ToHaveURLAsync(new Regex("/Account/ChangePassword$"));
        await newcomer.GetByLabel("Current password").FillAsync(temporary);
        await newcomer.GetByLabel("New password", new() { Exact = true }).FillAsync("my own long passphrase");
        await newcomer.GetByLabel("Repeat the new password").FillAsync("my own long passphrase");
        await newcomer.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(newcomer).ToHaveURLAsync(new Regex("/members$"));

        await manager.Context.CloseAsync();
        await newcomer.Context.CloseAsync();
    }

    [Fact]
    public async Task The_last_manager_cannot_be_demoted()
    {
        var manager = await app.NewSignedInPageAsync("manager@demo.test");
        await manager.GotoAsync("/users");
        await Expect(manager.Locator("[data-interactive=true]")).ToBeAttachedAsync();

        await manager.GetByLabel("Role of manager@demo.test").ClickAsync();
        await manager.GetByRole(AriaRole.Option, new() { Name = "Staff" }).ClickAsync();

        await Expect(manager.GetByText("This is the last manager: make someone else a manager first.")).ToBeVisibleAsync();
        await manager.ReloadAsync();
        await Expect(manager.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToContainTextAsync("Users");
        await manager.Context.CloseAsync();
    }
}
