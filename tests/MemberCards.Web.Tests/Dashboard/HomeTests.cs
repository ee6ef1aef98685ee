using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Data;
using MemberCards.Members;
using MemberCards.Products;
using MemberCards.Purchases;
using MemberCards.Web.Components.Dashboard;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MemberCards.Web.Tests.Dashboard;

/// <summary>
/// The dashboard page over a real database, with purchases recorded through the real service meanwhile, on a fake
/// clock: the live refresh's window passes when the test says so, however long the database takes.
/// </summary>
public sealed class HomeTests : DatabaseTestContext
{
    // The page's coalescing window (Home.LiveWindow): advancing the clock by it runs the refresh that was waiting.
    private static readonly TimeSpan LiveWindow = TimeSpan.FromMilliseconds(300);

    private static readonly ClaimsPrincipal Staff = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "staff@test"), new Claim(ClaimTypes.Role, Roles.Staff)], authenticationType: "test"));

    private readonly FakeTimeProvider _clock;
    private int _member;
    private int _latte;
    private BunitJSModuleInterop _charts = null!;

    public HomeTests()
        : this(new FakeTimeProvider(new DateTimeOffset(2026, 3, 20, 15, 0, 0, TimeSpan.Zero)))
    {
    }

    private HomeTests(FakeTimeProvider clock)
        : base(services => services.AddSingleton<TimeProvider>(clock)) => _clock = clock;

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

    /// <summary>The dashboard, loaded and listening to the feed.</summary>
    private IRenderedComponent<Home> RenderLive()
    {
        var feed = Services.GetRequiredService<PurchaseFeed>();
        var page = Render<Home>();
        page.WaitForAssertion(() =>
        {
            Assert.Equal("$0.00", Kpi(page, "Revenue today"));
            Assert.Equal(1, feed.ListenerCount);
        });
        return page;
    }

    private static string Kpi(IRenderedComponent<Home> page, string label) =>
        page.Find($"[role=group][aria-label='{label}'] .kpi-value").TextContent.Trim();

    [Fact]
    public async Task A_purchase_recorded_elsewhere_moves_the_kpis_and_the_charts_without_a_reload()
    {
        var page = RenderLive();
        var updatesBefore = _charts.Invocations.Count;
        static bool ShowsLatte(JSRuntimeInvocation i) => i.Identifier == "update" && ((string)i.Arguments[1]!).Contains("\"id\":\"top-products\"", StringComparison.Ordinal)
            && ((string)i.Arguments[1]!).Contains("\"Latte\"", StringComparison.Ordinal);

        await RecordLatteAsync(2);
        _clock.Advance(LiveWindow);

        page.WaitForAssertion(() =>
        {
            Assert.Equal("$9.00", Kpi(page, "Revenue today"));
            Assert.Equal("1", Kpi(page, "Purchases today"));
            Assert.Equal("1", Kpi(page, "Active members (90 days)"));
        });
        // The charts are redrawn after that render, through JS interop.
        page.WaitForAssertion(() => Assert.Contains(_charts.Invocations.Skip(updatesBefore), ShowsLatte));
        await page.ChangeAsync(() => page.Find("[role=region][aria-label='Top 10 products'] input[type=checkbox]"), true);
        // The table renders on the next pass: wait for it.
        page.WaitForAssertion(() => Assert.Equal(["Latte", "Coffee", "2", "$9.00"],
            page.FindAll("[role=region][aria-label='Top 10 products'] tbody tr")[0].Children.Select(c => c.TextContent.Trim())));
    }

    [Fact]
    public async Task A_burst_of_purchases_within_the_window_refreshes_the_page_once()
    {
        var page = RenderLive();
        List<string> RevenueUpdates() => [.. _charts.Invocations.Where(i => i.Identifier == "update").Select(i => (string)i.Arguments[1]!)
            .Where(json => json.Contains("\"id\":\"revenue\"", StringComparison.Ordinal))];

        var updatesBefore = RevenueUpdates().Count;

        // However long each save takes, the clock stands still: all twenty arrive within one window.
        for (var i = 0; i < 20; i++)
        {
            await RecordLatteAsync(1);
        }
        Assert.Equal("$0.00", Kpi(page, "Revenue today"));
        _clock.Advance(LiveWindow);

        page.WaitForAssertion(() => Assert.Equal("$90.00", Kpi(page, "Revenue today")));
        // The charts are redrawn through JS interop after the render: wait for the revenue chart showing all twenty.
        page.WaitForAssertion(() => Assert.Matches(@"""data"":\[[^\]]*\b90\b", RevenueUpdates().LastOrDefault() ?? ""));
        // Each refresh redraws the revenue chart once: one refresh for the twenty.
        Assert.Equal(updatesBefore + 1, RevenueUpdates().Count);
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
