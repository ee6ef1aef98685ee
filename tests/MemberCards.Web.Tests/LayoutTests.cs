using MemberCards.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace MemberCards.Web.Tests;

// The layout asks the purchase search about a purchase left in entry: the database is named, never opened.
public sealed class LayoutTests() : MudTestContext(services => services.AddLogging().AddMemberCards("Data Source=unused.db"))
{
    [Fact]
    public void The_layout_shows_the_title_the_navigation_and_the_page()
    {
        var layout = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p id=\"page\">Page body</p>"))));

        Assert.Contains("Member Cards", layout.Find("header").TextContent, StringComparison.Ordinal);
        var links = layout.FindAll("nav[aria-label=Main] a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["Dashboard", "Members", "Purchases", "Campaigns", "Coupons", "Duplicates", "Products", "Card rules", "Tiers", "Card liability", "Users", "Import", "Audit", "API keys", "Webhooks", "Webhook deliveries", "Security"], links);
        Assert.Equal("Page body", layout.Find("#page").TextContent);
    }

    [Fact]
    public void Staff_see_members_and_purchases_but_not_the_dashboard_or_campaigns()
    {
        Authorization.SetAuthorized("staff@test");
        Authorization.SetRoles(MemberCards.Accounts.Roles.Staff);

        var layout = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p>x</p>"))));

        Assert.Equal(["Members", "Purchases", "Security"], layout.FindAll("nav[aria-label=Main] a").Select(a => a.TextContent.Trim()));
        Assert.Contains("staff@test", layout.Find("header").TextContent, StringComparison.Ordinal);
        Assert.NotNull(layout.Find("header form[action='Account/Logout'] button[aria-label='Sign out']"));
    }

    [Fact]
    public async Task The_dark_mode_button_switches_the_theme_and_says_what_it_will_do()
    {
        var layout = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p>x</p>"))));
        var lightPalette = ThemeCss(layout);
        Assert.Contains("--mud-palette-background: rgba(255,255,255,1)", lightPalette, StringComparison.Ordinal);

        await layout.ClickAsync(() => layout.Find("button[aria-label='Toggle dark mode']"));

        layout.WaitForAssertion(() => Assert.DoesNotContain("--mud-palette-background: rgba(255,255,255,1)", ThemeCss(layout), StringComparison.Ordinal));
    }

    private static string ThemeCss(IRenderedComponent<MainLayout> layout) =>
        string.Concat(layout.FindAll("style").Select(s => s.TextContent));
}
