using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace MemberCards.E2E;

[Collection(nameof(BrowserTests))]
public sealed class AccountTests(BrowserFixture app)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/members")]
    [InlineData("/purchases")]
    [InlineData("/campaigns")]
    [InlineData("/users")]
    public async Task Anonymous_visitors_land_on_sign_in_and_return_to_the_page_afterwards(string path)
    {
        var page = await app.NewPageAsync();
        var problems = BrowserProblems.Watch(page);

        await page.GotoAsync(path);

        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login\\?ReturnUrl="));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
        if (path == "/")
        {
            await Screenshots.SaveAsync(page, "sign-in.png");
        }
        await BrowserFixture.SignInAsync(page, "manager@demo.test", BrowserFixture.DemoPassword);
        await Expect(page).ToHaveURLAsync(new Uri(app.BaseAddress, path).ToString());
        Assert.Empty(problems.Seen);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("manager@demo.test", "Dashboard,Members,Purchases,Campaigns,Coupons,Duplicates,Products,Card rules,Tiers,Card liability,Users,Import,Audit,API keys,Webhooks,Webhook deliveries,Security")]
    [InlineData("staff@demo.test", "Members,Purchases,Security")]
    [InlineData("marketing@demo.test", "Dashboard,Members,Purchases,Campaigns,Coupons,Security")]
    public async Task Each_role_sees_exactly_its_navigation(string email, string links)
    {
        var page = await app.NewSignedInPageAsync(email);

        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link);
        await Expect(navigation).ToHaveTextAsync(links.Split(','));
        await Expect(page.GetByRole(AriaRole.Banner)).ToContainTextAsync(email);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Staff_opening_a_manager_page_directly_are_refused()
    {
        var page = await app.NewSignedInPageAsync("staff@demo.test");

        await page.GotoAsync("/campaigns");

        await Expect(page.GetByText("No access")).ToBeVisibleAsync();
        await Expect(page.GetByText("Top spenders")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var page = await app.NewSignedInPageAsync("staff@demo.test");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login$"));
        await page.GotoAsync("/members");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login\\?ReturnUrl="));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_sign_in_page_sends_security_headers_names_empty_fields_and_says_when_the_password_is_wrong()
    {
        var page = await app.NewPageAsync();
        var response = await page.GotoAsync("/Account/Login");
        var headers = await response!.AllHeadersAsync();
        Assert.Contains("script-src 'self';", headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Equal(("nosniff", "DENY"), (headers["x-content-type-options"], headers["x-frame-options"]));

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByText("Enter your email.")).ToBeVisibleAsync();
        await Expect(page.GetByText("Enter your password.")).ToBeVisibleAsync();

        await BrowserFixture.SignInAsync(page, "staff@demo.test", "not-the-password");
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The email or password is not right.");
        await page.Context.CloseAsync();
    }
}
