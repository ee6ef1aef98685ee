using System.Globalization;
using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace MemberCards.E2E;

[Collection(nameof(BrowserTests))]
public sealed class DashboardTests(BrowserFixture app)
{
    [Fact]
    public async Task The_dashboard_shows_the_figures_and_every_chart_without_errors()
    {
        var page = await app.NewSignedInPageAsync("manager@demo.test", 1280, 1500);

        var dashboard = await DashboardPage.OpenAsync(page);

        await Expect(page).ToHaveTitleAsync("Dashboard · Member Cards");
        foreach (var label in new[] { "Revenue today", "Revenue this week", "Revenue this month", "Purchases today", "Average basket", "Active members (90 days)", "New members this month" })
        {
            await Expect(dashboard.KpiValue(label)).ToContainTextAsync(new Regex(@"\d"));
        }
        await Expect(dashboard.Kpi("Revenue this month")).ToContainTextAsync(new Regex("vs last month so far"));
        foreach (var title in DashboardPage.ChartTitles)
        {
            await Expect(dashboard.Chart(title).Locator("svg.apexcharts-svg")).ToBeVisibleAsync();
        }
        // Waited for: the bars grow from nothing while ApexCharts animates them (the wait above is for the revenue chart).
        await page.WaitForFunctionAsync(
            "selector => Array.from(document.querySelectorAll(selector)).some(bar => bar.getBBox().width > 1)",
            "[role=img][aria-label='Top 10 products'] .apexcharts-bar-area", new() { PollingInterval = 100 });
        await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        Assert.Empty(dashboard.Problems);

        await dashboard.SaveScreenshotAsync("dashboard.png");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_range_picker_drives_the_charts_and_a_top_member_bar_opens_the_member_page()
    {
        var page = await app.NewSignedInPageAsync("manager@demo.test", 1280, 1200);
        var dashboard = await DashboardPage.OpenAsync(page);

        await dashboard.ChooseRangeAsync("Today");
        await dashboard.ShowAsTableAsync(DashboardPage.RevenueChart);

        await Expect(dashboard.Card(DashboardPage.RevenueChart).Locator("tbody tr")).ToHaveCountAsync(1);
        await dashboard.ChooseRangeAsync("Last 90 days");
        // 90 days are shown by week: the weeks (from Monday) those days touch, in the store's time zone.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/New_York")));
        var weeks = Enumerable.Range(0, 90).Select(d => today.AddDays(-d)).Select(d => d.AddDays(-(((int)d.DayOfWeek + 6) % 7))).Distinct().Count();
        await Expect(dashboard.Card(DashboardPage.RevenueChart).Locator("tbody tr")).ToHaveCountAsync(weeks);
        await dashboard.ShowAsTableAsync("Top 10 members by spend");
        var member = dashboard.Card("Top 10 members by spend").Locator("tbody tr th a").First;
        var href = await member.GetAttributeAsync("href");
        Assert.Matches(@"^/members/\d+$", href);

        await dashboard.Card("Top 10 members by spend").GetByLabel("Show as table").UncheckAsync();
        await page.Locator("[role=img][aria-label='Top 10 members by spend'] .apexcharts-bar-area").First.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/members/\d+$"));
        Assert.EndsWith(href!, page.Url, StringComparison.Ordinal);
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
    public async Task On_a_phone_the_dashboard_fits_the_width_and_the_navigation_opens_from_the_menu_button()
    {
        var page = await app.NewSignedInPageAsync("manager@demo.test", 390, 844);
        var dashboard = await DashboardPage.OpenAsync(page);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the page scrolls sideways on a 390 px phone");
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
