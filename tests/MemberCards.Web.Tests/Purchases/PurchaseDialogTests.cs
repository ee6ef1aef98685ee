using AngleSharp.Dom;
using MemberCards.Data;
using MemberCards.Members;
using MemberCards.Products;
using MemberCards.Purchases;
using MemberCards.Web.Components.Purchases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MemberCards.Web.Tests.Purchases;

/// <summary>The purchase dialog over a real database, signed in as staff.</summary>
public sealed class PurchaseDialogTests : DatabaseTestContext
{
    private PurchaseMember _member = null!;
    private IRenderedComponent<MudPopoverProvider> _popovers = null!;

    protected override async Task SeedAsync()
    {
        Authorization.SetAuthorized("staff@test");
        Authorization.SetRoles(MemberCards.Accounts.Roles.Staff);
        await using var db = await Services.GetRequiredService<IDbContextFactory<MemberCardsDb>>().CreateDbContextAsync();
        var member = new Member { Name = "Ada Lovelace", SearchName = "ada lovelace", CardNumber = "123456789018", TierId = 1 };
        db.Members.Add(member);
        db.Products.AddRange(
            new Product { Name = "Latte", Category = "Coffee", UnitPriceMinor = 450 },
            new Product { Name = "Croissant", Category = "Bakery", UnitPriceMinor = 320 });
        await db.SaveChangesAsync();
        _member = new PurchaseMember(member.Id, member.Name, member.CardNumber);
    }


    private (IRenderedComponent<MudDialogProvider> Provider, Task<RecordedPurchase?> Result) Open()
    {
        _popovers = Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        Task<RecordedPurchase?> result = null!;
        provider.InvokeAsync(() => result = PurchaseDialog.ShowAsync(Services.GetRequiredService<IDialogService>(), _member));
        // The dialog shows its member at once and its product catalog once read: type only once both are there.
        provider.WaitForAssertion(() =>
        {
            Assert.Contains("Card 1234 5678 9018", provider.Markup, StringComparison.Ordinal);
            Assert.Equal(2, provider.FindComponent<PurchaseLines>().Instance.Catalog.Count);
        });
        return (provider, result);
    }

    private static IElement Input(IRenderedComponent<MudDialogProvider> provider, string label)
    {
        var id = provider.FindAll("label").Single(l => l.TextContent.Trim() == label).GetAttribute("for");
        return provider.Find($"#{id}");
    }

    // Found and typed into in one turn of the renderer: a quote finishing in between re-renders the field with a new handler.
    private static void Type(IRenderedComponent<MudDialogProvider> provider, string label, string text) =>
        provider.InvokeAsync(() => Input(provider, label).Input(text)).GetAwaiter().GetResult();

    private void Pick(IRenderedComponent<MudDialogProvider> provider, string typed, string product) => ProductPicking.Pick(provider, _popovers, product, typed);

    // Likewise found and clicked in one turn.
    private static void Save(IRenderedComponent<MudDialogProvider> provider) =>
        provider.InvokeAsync(() => provider.FindAll("button").Single(b => b.TextContent.Contains("Save purchase", StringComparison.Ordinal)).Click()).GetAwaiter().GetResult();

    private async Task<int> PurchaseCountAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<MemberCardsDb>>().CreateDbContextAsync();
        return await db.Purchases.CountAsync();
    }

    [Fact]
    public async Task Saving_an_empty_basket_says_what_to_add_and_saves_nothing()
    {
        var (provider, _) = Open();

        Save(provider);

        provider.WaitForAssertion(() => Assert.Contains("Add at least one product.", provider.Markup, StringComparison.Ordinal));
        Assert.Equal(0, await PurchaseCountAsync());
    }

    [Fact]
    public async Task The_total_follows_the_lines_and_a_bad_quantity_is_shown_beside_its_field_until_fixed()
    {
        var (provider, result) = Open();

        Pick(provider, "lat", "Latte");
        provider.WaitForAssertion(() => Assert.Contains("Total $4.50", provider.Markup, StringComparison.Ordinal));
        Pick(provider, "bakery", "Croissant");
        provider.WaitForAssertion(() => Assert.Contains("Total $7.70", provider.Markup, StringComparison.Ordinal));

        Type(provider, "Quantity, line 1", "0");
        provider.WaitForAssertion(() => Assert.Contains("Quantity must be a whole number from 1 to 9,999.", provider.Markup, StringComparison.Ordinal));
        Save(provider);
        Assert.Equal(0, await PurchaseCountAsync());

        Type(provider, "Quantity, line 1", "3");
        provider.WaitForAssertion(() => Assert.Contains("Total $16.70", provider.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain("Quantity must be", provider.Markup, StringComparison.Ordinal);
        Save(provider);

        var recorded = await result.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(1670, recorded!.TotalMinor);
        Assert.Equal(1, await PurchaseCountAsync());
    }

    [Fact]
    public void A_price_above_the_ceiling_is_refused_beside_the_price()
    {
        var (provider, _) = Open();
        Pick(provider, "lat", "Latte");

        Type(provider, "Unit price, line 1", "1000.01");

        provider.WaitForAssertion(() => Assert.Contains("The unit price cannot be above $1,000.00", provider.Markup, StringComparison.Ordinal));
    }
}
