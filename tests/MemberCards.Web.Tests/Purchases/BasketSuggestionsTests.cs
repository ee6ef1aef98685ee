using MemberCards.Accounts;
using MemberCards.Data;
using MemberCards.Members;
using MemberCards.Products;
using MemberCards.Purchases;
using MemberCards.Recommendations;
using MemberCards.Web.Components.Members;
using MemberCards.Web.Components.Purchases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MemberCards.Web.Tests.Purchases;

/// <summary>
/// The recommendations on screen over a real database and a real build: four baskets, three of them latte with a
/// croissant, one latte with a muffin now inactive; the member page's panel for the member who bought them.
/// </summary>
public sealed class BasketSuggestionsTests : DatabaseTestContext
{
    private PurchaseMember _member = null!;
    private IRenderedComponent<MudPopoverProvider> _popovers = null!;

    protected override async Task SeedAsync()
    {
        JSInterop.SetupModule("./Components/Charts/ApexChart.razor.js");
        Authorization.SetAuthorized("staff@test");
        Authorization.SetRoles(Roles.Staff);
        int latte, croissant, muffin, tea;
        await using (var db = await Services.GetRequiredService<IDbContextFactory<MemberCardsDb>>().CreateDbContextAsync())
        {
            var member = new Member { Name = "Ada Lovelace", SearchName = "ada lovelace", CardNumber = "123456789018", TierId = 1 };
            var products = new[] { ("Latte", "Coffee", 450L), ("Croissant", "Bakery", 320L), ("Muffin", "Bakery", 340L), ("Tea", "Tea", 300L) }
                .Select(p => new Product { Name = p.Item1, Category = p.Item2, UnitPriceMinor = p.Item3 }).ToList();
            db.Members.Add(member);
            db.Products.AddRange(products);
            await db.SaveChangesAsync();
            _member = new PurchaseMember(member.Id, member.Name, member.CardNumber);
            (latte, croissant, muffin, tea) = (products[0].Id, products[1].Id, products[2].Id, products[3].Id);
        }
        var purchases = Services.GetRequiredService<PurchaseService>();
        var now = DateTime.UtcNow;
        // A manager may backdate a week at most: this history goes a little further.
        Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MemberCardsOptions>>().Value.PurchaseBackdatingDays = 30;
        foreach (var (daysAgo, basket) in new[] { (7, new[] { latte, croissant }), (5, [latte, croissant]), (3, [latte, croissant]), (2, [latte, muffin]), (2, [tea, muffin]) })
        {
            var lines = basket.Select(id => new NewPurchaseLine(id, 1)).ToList();
            var recorded = await purchases.RecordAsync(new NewPurchase(_member.Id, lines, now.AddDays(-daysAgo)), Access.System, CancellationToken.None);
            Assert.True(recorded.Succeeded, string.Join("; ", recorded.Errors.Select(e => $"{e.Field}: {e.Code}")));
        }
        await using (var db = await Services.GetRequiredService<IDbContextFactory<MemberCardsDb>>().CreateDbContextAsync())
        {
            await db.Products.Where(p => p.Id == muffin).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsActive, false));
        }
        await Services.GetRequiredService<RecommendationBuilder>().RebuildAsync(Access.System, CancellationToken.None);
    }

    [Fact]
    public async Task A_latte_basket_is_offered_a_croissant_with_its_reason_and_one_click_adds_the_line()
    {
        _popovers = Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        _ = provider.InvokeAsync(() => PurchaseDialog.ShowAsync(Services.GetRequiredService<IDialogService>(), _member));
        provider.WaitForAssertion(() => Assert.Equal(3, provider.FindComponent<PurchaseLines>().Instance.Catalog.Count));

        ProductPicking.Pick(provider, _popovers, "Latte");

        provider.WaitForAssertion(() => Assert.Contains("often bought with Latte: Croissant, 75% of the time", provider.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain("Muffin", provider.Find("[aria-label='Often bought together']").TextContent, StringComparison.Ordinal);
        await provider.InvokeAsync(() => provider.Find("button[aria-label='Add Croissant']").Click());
        provider.WaitForAssertion(() =>
        {
            Assert.Single(provider.FindAll("[aria-label='Line 2: Croissant']"));
            Assert.Contains("Total $7.70", provider.Markup, StringComparison.Ordinal);
            Assert.Empty(provider.FindAll("[aria-label='Often bought together']"));
        });
    }

    [Fact]
    public void The_member_panel_says_why_each_product_and_how_often_the_member_comes()
    {
        // Nothing counts as recent, so what Ada bought can come back.
        Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MemberCardsOptions>>().Value.Recommendations.RecentDays = 0;

        var panel = Render<MemberSuggestionsPanel>(p => p.Add(c => c.MemberId, _member.Id));

        // Visits 7, 5, 3, 2 and 2 days ago: gaps of 2, 2, 1 and 0 days, a median of 1.5, shown as 2.
        panel.WaitForAssertion(() => Assert.Contains("Usually every 2 days; last visit 2 days ago", panel.Markup, StringComparison.Ordinal));
        var items = panel.FindAll("[aria-label='Suggested products'] .mud-list-item").Select(i => i.TextContent).ToList();
        // Latte and croissant score alike (each bought most, each similar to all): their order is not asserted.
        Assert.Equal(3, items.Count);
        Assert.Contains(items, i => i.StartsWith("Latte", StringComparison.Ordinal) && i.Contains("because you buy Croissant and Muffin", StringComparison.Ordinal));
        Assert.Contains(items, i => i.StartsWith("Tea", StringComparison.Ordinal));
        Assert.DoesNotContain(items, i => i.StartsWith("Muffin", StringComparison.Ordinal));
        Assert.DoesNotContain("Lapse risk", panel.Markup, StringComparison.Ordinal);
    }
}
