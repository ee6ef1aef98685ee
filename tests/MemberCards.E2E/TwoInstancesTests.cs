using MemberCards.Accounts;
using MemberCards.Data;
using MemberCards.Members;
using MemberCards.Products;
using MemberCards.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace MemberCards.E2E;

/// <summary>
/// A chain's set-up: two web instances of the app on one PostgreSQL database. A purchase recorded by staff on
/// instance A moves the dashboard a manager has open on instance B (the feed crosses through LISTEN/NOTIFY), and
/// a sign-in on A is good on B (data-protection keys in the database).
/// </summary>
[Collection(nameof(BrowserTests))]
public sealed class TwoInstancesTests(BrowserFixture browser) : IAsyncLifetime
{
    private static readonly Dictionary<string, string> OnPostgreSql = new()
    {
        ["MemberCards__Database__Provider"] = "PostgreSql",
        // An empty shop, so revenue today starts at $0.00: the test seeds the one member and product it needs.
        ["MemberCards__DemoData__Enabled"] = "false",
    };

    private PostgreSqlServer _server = null!;
    private string _database = null!;
    private AppProcess? _a;
    private AppProcess? _b;

    public async ValueTask InitializeAsync()
    {
        _server = await PostgreSqlServer.GetAsync();
        _database = await _server.CreateDatabaseAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in new[] { _a, _b })
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }
        await _server.DropDatabaseAsync(_database);
    }

    [Fact]
    public async Task A_purchase_recorded_on_instance_A_moves_the_dashboard_open_on_instance_B()
    {
        _ = browser.Browser;
        _a = AppProcess.Start(_server.For(_database), OnPostgreSql);
        var a = await _a.WaitUntilListeningAsync(AppProcess.StartTimeout);
        // B starts once A has migrated the database, as a second instance joins a running chain.
        _b = AppProcess.Start(_server.For(_database), OnPostgreSql);
        var b = await _b.WaitUntilListeningAsync(AppProcess.StartTimeout);
        var card = await SeedAsync(_server.For(_database));

        var manager = await SignedInAsync(b, "manager@demo.test");
        var dashboard = await DashboardPage.OpenAsync(manager, waitForChart: false);
        await Expect(dashboard.KpiValue("Revenue today")).ToHaveTextAsync("$0.00");
        var staff = await SignedInAsync(a, "staff@demo.test");

        await LiveDashboardTests.RecordPurchaseAsStaffAsync(staff, card);

        await Expect(dashboard.KpiValue("Revenue today")).ToHaveTextAsync("$3.20", new() { Timeout = 2_000 });
        Assert.True(dashboard.Problems.Count == 0, string.Join("\n", dashboard.Problems) + "\nB's output:\n" + _b.Output);
        // The sign-in cookie A issued opens B too (cookies ignore the port): both read the keys from the database.
        await staff.GotoAsync(new Uri(b, "members").ToString());
        await Expect(staff.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        Assert.DoesNotContain("/Account/Login", staff.Url, StringComparison.Ordinal);
        await staff.Context.CloseAsync();
        await manager.Context.CloseAsync();
    }

    private async Task<IPage> SignedInAsync(Uri instance, string email)
    {
        var context = await browser.Browser.NewContextAsync(new()
        {
            BaseURL = instance.ToString(),
            ViewportSize = new() { Width = 1280, Height = 900 },
            ReducedMotion = ReducedMotion.Reduce,
        });
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, email, BrowserFixture.DemoPassword);
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        return page;
    }

    /// <summary>One member and one product, through the app's own services; returns the member's card number.</summary>
    private static async Task<string> SeedAsync(string connectionString)
    {
        await using var services = AppServices.Over(connectionString, DatabaseProvider.PostgreSql);
        await using (var db = await services.GetRequiredService<IDbContextFactory<MemberCardsDb>>().CreateDbContextAsync())
        {
            db.Products.Add(new Product { Name = "Espresso", Category = "Coffee", UnitPriceMinor = 320, IsActive = true });
            await db.SaveChangesAsync();
        }
        var member = await services.GetRequiredService<MemberService>().CreateAsync(new NewMember("Ada Lovelace", null, null), Access.System, CancellationToken.None);
        Assert.True(member.Succeeded);
        return member.Value!.CardNumber;
    }
}
