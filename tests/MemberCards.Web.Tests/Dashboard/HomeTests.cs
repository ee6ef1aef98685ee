using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Data;
using MemberCards.Members;
using MemberCards.Products;
using MemberCards.Purchases;
using MemberCards.Web.Components.Dashboard;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberCards.Web.Tests.Dashboard;

/// <summary>The dashboard page over a real SQLite file, with purchases recorded through the real service meanwhile.</summary>
public sealed class HomeTests : DatabaseTestContext
{
    private static readonly ClaimsPrincipal Staff = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "staff@test"), new Claim(ClaimTypes.Role, Roles.Staff)], authenticationType: "test"));

    private int _member;
    private int _latte;
    private BunitJSModuleInterop _charts = null!;

    protected override async Task SeedAsync()
    {
        _charts = JSInterop.SetupModule("./Components/Charts/ApexChart.razor.js");
        var created = await Services.GetRequiredService<MemberService>().CreateAsync(new NewMember("Ada Lovelace", null, null), Staff, CancellationToken.None);
        _member = created.Value!.MemberId;
        await using var db = await Services.GetRequiredService<IDbContextFactory<MemberCardsDb>>().CreateDbContextAsync();
        var latte = new Product { Name = "Latte", Category = "Coffee", UnitPriceMinor = 450 };
        db.Products.Add(latte);
        await db.SaveChangesAsync();
        _latte = latte.Id;
    }


    private async Task RecordLatteAsync(int quantity)
    {
        var recorded = await Services.GetRequiredService<PurchaseService>()
            .RecordAsync(new NewPurchase(_member, [new NewPurchaseLine(_latte, quantity)]), Staff, CancellationToken.None);
        Assert.True(recorded.Succeeded);
    }

    private static string Kpi(IRenderedComponent<Home> page, string label) =>
        page.Find($"[role=group][aria-label='{label}'] .kpi-value").TextContent.Trim();

    [Fact]
    public async Task A_purchase_recorded_elsewhere_moves_the_kpis_and_the_charts_without_a_reload()
    {
        var page = Render<Home>();
        page.WaitForAssertion(() => Assert.Equal("$0.00", Kpi(page, "Revenue today")));
        var updatesBefore = _charts.Invocations.Count;
        static bool ShowsLatte(JSRuntimeInvocation i) => i.Identifier == "update" && ((string)i.Arguments[1]!).Contains("\"id\":\"top-products\"", StringComparison.Ordinal)
            && ((string)i.Arguments[1]!).Contains("\"Latte\"", StringComparison.Ordinal);

        await RecordLatteAsync(2);

        page.WaitForAssertion(() =>
        {
            Assert.Equal("$9.00", Kpi(page, "Revenue today"));
            Assert.Equal("1", Kpi(page, "Purchases today"));
            Assert.Equal("1", Kpi(page, "Active members (90 days)"));
        }, TimeSpan.FromSeconds(2));
        // The charts are redrawn after that render, through JS interop.
        page.WaitForAssertion(() => Assert.Contains(_charts.Invocations.Skip(updatesBefore), ShowsLatte), TimeSpan.FromSeconds(2));
        page.Find("[role=region][aria-label='Top 10 products'] input[type=checkbox]").Change(true);
        // The table renders on the next pass (slow on a loaded machine): wait for it.
        page.WaitForAssertion(() => Assert.Equal(["Latte", "Coffee", "2", "$9.00"],
            page.FindAll("[role=region][aria-label='Top 10 products'] tbody tr")[0].Children.Select(c => c.TextContent.Trim())), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_burst_of_purchases_refreshes_the_page_a_few_times_not_once_each()
    {
        var page = Render<Home>();
        page.WaitForAssertion(() => Assert.Equal("$0.00", Kpi(page, "Revenue today")));
        List<string> RevenueUpdates() => [.. _charts.Invocations.Where(i => i.Identifier == "update").Select(i => (string)i.Arguments[1]!)
            .Where(json => json.Contains("\"id\":\"revenue\"", StringComparison.Ordinal))];

        for (var i = 0; i < 20; i++)
        {
            await RecordLatteAsync(1);
        }

        page.WaitForAssertion(() => Assert.Equal("$90.00", Kpi(page, "Revenue today")), TimeSpan.FromSeconds(3));
        // The charts are redrawn through JS interop after the render: wait for the revenue chart showing all twenty.
        page.WaitForAssertion(() => Assert.Matches(@"""data"":\[[^\]]*\b90\b", RevenueUpdates().LastOrDefault() ?? ""), TimeSpan.FromSeconds(3));
        // Each refresh redraws the revenue chart once; twenty purchases in a row share a few refreshes.
        Assert.InRange(RevenueUpdates().Count, 1, 10);
    }

    [Fact]
    public async Task A_closed_dashboard_stops_listening()
    {
        var feed = Services.GetRequiredService<PurchaseFeed>();
        var page = Render<Home>();
        page.WaitForAssertion(() => Assert.Equal(1, feed.ListenerCount));

        await DisposeComponentsAsync();

        Assert.Equal(0, feed.ListenerCount);
    }
}
