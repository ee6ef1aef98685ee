using static Microsoft.Playwright.Assertions;

namespace MemberCards.E2E;

[Collection(nameof(BrowserTests))]
public sealed class AuditTests(BrowserFixture app)
{
    [Fact]
    public async Task A_failed_sign_in_shows_in_the_managers_audit_trail_and_staff_cannot_open_it()
    {
        var stranger = await app.NewPageAsync();
        await BrowserFixture.SignInAsync(stranger, "marketing@demo.test", "a-wrong-password");
        await Expect(stranger.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await stranger.Context.CloseAsync();

        var manager = await app.NewSignedInPageAsync("manager@demo.test");
        var problems = BrowserProblems.Watch(manager);
        await manager.GotoAsync("/audit");
        await Expect(manager.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await manager.GetByLabel("User").FillAsync("marketing@demo.test");

        var row = manager.GetByRole(AriaRole.Row).Filter(new() { HasText = "signin.failed" }).First;
        await Expect(row).ToContainTextAsync("marketing@demo.test");
        await Expect(row).ToContainTextAsync("Reason: wrong email or password");
        await Screenshots.SaveAsync(manager, "audit.png");
        Assert.Empty(problems.Seen);
        await manager.Context.CloseAsync();

        var staff = await app.NewSignedInPageAsync("staff@demo.test");
        await staff.GotoAsync("/audit");
        await Expect(staff.GetByText("No access")).ToBeVisibleAsync();
        await staff.Context.CloseAsync();
    }
}
