using System.Globalization;
using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace MemberCards.E2E;

[Collection(nameof(BrowserTests))]
public sealed class DashboardTests(BrowserFixture app)
{
    [Fact]
    public async Task The_dashboard_shows_the_figures_and_the_monthly_spend_chart_without_errors()
    {
        var page = await app.NewSignedInPageAsync("manager@demo.test", 1280, 900);

        var dashboard = await DashboardPage.OpenAsync(page);

        await Expect(page).ToHaveTitleAsync("Dashboard · Member Cards");
        foreach (var label in new[] { "Revenue today", "Revenue this month", "Purchases this month", "Active members (90 days)" })
        {
            await Expect(dashboard.Kpi(label)).ToBeVisibleAsync();
            await Expect(dashboard.Kpi(label)).ToContainTextAsync(new Regex(@"\d"));
        }
        var tallestBar = await dashboard.ChartBars.EvaluateAllAsync<double>("bars => Math.max(...bars.map(b => b.getBBox().height))");
        Assert.True(tallestBar > 1, $"The chart's bars are all flat (tallest {tallestBar} px).");
        await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        Assert.Empty(dashboard.Problems);

        await dashboard.SaveScreenshotAsync("dashboard.png");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_dark_mode_toggle_switches_the_page_and_the_chart_to_dark_colours()
    {
        var page = await app.NewSignedInPageAsync("manager@demo.test", 1280, 900);
        var dashboard = await DashboardPage.OpenAsync(page);
        var light = await dashboard.BodyBackgroundAsync();
        var lightText = await dashboard.ChartTextColourAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle dark mode" }).ClickAsync();

        await page.WaitForFunctionAsync("light => getComputedStyle(document.body).backgroundColor !== light", light);
        var dark = await dashboard.BodyBackgroundAsync();
        Assert.True(Brightness(dark) < Brightness(light), $"The background went from {light} to {dark}, which is not darker.");
        Assert.True(Brightness(dark) < 100, $"The dark background {dark} is not dark.");
        await page.WaitForFunctionAsync(
            "([selector, before]) => { const text = document.querySelector(selector); return text && getComputedStyle(text).fill !== before; }",
            new[] { DashboardPage.ChartTextSelector, lightText });
        var darkText = await dashboard.ChartTextColourAsync();
        Assert.True(Brightness(darkText) > 150, $"The chart's labels are {darkText} on the dark background {dark}.");
        await dashboard.WaitForChartAsync();
        await page.Mouse.MoveAsync(640, 850);
        await Expect(page.GetByText("Switch to light mode")).ToBeHiddenAsync();
        Assert.Empty(dashboard.Problems);

        await dashboard.SaveScreenshotAsync("dashboard-dark.png");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task On_a_phone_the_title_shows_and_the_navigation_opens_from_the_menu_button()
    {
        var page = await app.NewSignedInPageAsync("manager@demo.test", 390, 844);
        var dashboard = await DashboardPage.OpenAsync(page);
        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        var members = navigation.GetByRole(AriaRole.Link, new() { Name = "Members", Exact = true });

        await Expect(page.GetByText("Member Cards", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(members).Not.ToBeInViewportAsync();
        await dashboard.SaveScreenshotAsync("dashboard-mobile.png");

        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync();

        await Expect(members).ToBeVisibleAsync();
        await Expect(members).ToBeInViewportAsync();
        Assert.Empty(dashboard.Problems);
        await page.Context.CloseAsync();
    }

    /// <summary>Average of the red, green and blue channels of a computed "rgb(r, g, b)" colour, 0 to 255.</summary>
    private static double Brightness(string rgb) =>
        Regex.Matches(rgb, @"\d+(\.\d+)?").Take(3).Average(m => double.Parse(m.Value, CultureInfo.InvariantCulture));
}
