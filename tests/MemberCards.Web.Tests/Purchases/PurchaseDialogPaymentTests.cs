using System.Security.Claims;
using AngleSharp.Dom;
using MemberCards.CardValue;
using MemberCards.Data;
using MemberCards.Members;
using MemberCards.Products;
using MemberCards.Purchases;
using MemberCards.Web.Components.Purchases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MemberCards.Web.Tests.Purchases;

/// <summary>The purchase dialog paying from a card holding ¥500 principal + ¥80 bonus and 120 points, signed in as staff.</summary>
public sealed class PurchaseDialogPaymentTests : DatabaseTestContext
{
    private static readonly ClaimsPrincipal Staff = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "staff@test"), new Claim(ClaimTypes.Role, MemberCards.Accounts.Roles.Staff)], "test"));

    private static readonly ClaimsPrincipal Manager = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "manager@test"), new Claim(ClaimTypes.Role, MemberCards.Accounts.Roles.Manager)], "test"));

    private PurchaseMember _member = null!;
    private IRenderedComponent<MudPopoverProvider> _popovers = null!;

    protected override async Task SeedAsync()
    {
        Authorization.SetAuthorized("staff@test");
        Authorization.SetRoles(MemberCards.Accounts.Roles.Staff);
        await using (var db = await Services.GetRequiredService<IDbContextFactory<MemberCardsDb>>().CreateDbContextAsync())
        {
            var member = new Member { Name = "Ada Lovelace", SearchName = "ada lovelace", CardNumber = "123456789018", TierId = 1 };
            db.Members.Add(member);
            db.Products.Add(new Product { Name = "Set meal", Category = "Lunch", UnitPriceMinor = 6_000 });
            await db.SaveChangesAsync();
            _member = new PurchaseMember(member.Id, member.Name, member.CardNumber);
        }
        var rules = Services.GetRequiredService<CardRulesService>();
        Assert.True((await rules.SavePointsRuleAsync(new PointsRule(), Manager, CancellationToken.None)).Succeeded);
        Assert.True((await rules.SaveTopUpRuleAsync(new TopUpRuleInput(0, 50_000, 8_000, 0, 120, null, null, true), Manager, CancellationToken.None)).Succeeded);
        Assert.True((await Services.GetRequiredService<TopUpService>().RecordAsync(new NewTopUp(_member.Id, 50_000, PaymentMethod.Cash), Staff, CancellationToken.None)).Succeeded);
    }

    private IRenderedComponent<MudDialogProvider> Open()
    {
        _popovers = Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        provider.InvokeAsync(() => PurchaseDialog.ShowAsync(Services.GetRequiredService<IDialogService>(), _member));
        provider.WaitForAssertion(() => Assert.Contains("120 points held", provider.Markup, StringComparison.Ordinal));
        ProductPicking.Pick(provider, _popovers, "Set meal", "set");
        provider.WaitForAssertion(() => Assert.Contains("Total $60.00", provider.Markup, StringComparison.Ordinal));
        return provider;
    }

    private static IElement Input(IRenderedComponent<MudDialogProvider> provider, string label)
    {
        var id = provider.FindAll("label").Single(l => l.TextContent.Trim() == label).GetAttribute("for");
        return provider.Find($"#{id}");
    }

    private static void PayByCard(IRenderedComponent<MudDialogProvider> provider) =>
        provider.InvokeAsync(() => provider.FindAll("label.mud-switch").Single(l => l.TextContent.Contains("Pay from the card", StringComparison.Ordinal)).QuerySelector("input")!.Change(true)).GetAwaiter().GetResult();

    private async Task<CardBalances> BalancesAsync() =>
        (await Services.GetRequiredService<CardValueService>().ValueAsync(_member.Id, Staff, CancellationToken.None))!.Balances;

    [Fact]
    public async Task The_card_shows_its_balance_and_points_and_paying_from_it_shows_the_split_and_the_points_to_earn_before_saving()
    {
        var provider = Open();

        Assert.Contains("Card $580.00", provider.Markup, StringComparison.Ordinal);
        Assert.Contains("principal $500.00 + bonus $80.00", provider.Markup, StringComparison.Ordinal);
        Assert.Contains("Earns 60 points", provider.Markup, StringComparison.Ordinal);
        await provider.InvokeAsync(() => PayByCard(provider));
        // ¥60 × 500/580 = ¥51.72 principal, ¥8.28 bonus.
        provider.WaitForAssertion(() => Assert.Contains("$51.72 principal + $8.28 bonus", provider.Markup, StringComparison.Ordinal));

        await provider.InvokeAsync(() => provider.FindAll("button").Single(b => b.TextContent.Contains("Save purchase", StringComparison.Ordinal)).Click());

        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll(".mud-dialog")));
        Assert.Equal(new CardBalances(50_000 - 5_172, 8_000 - 828, 120 + 60), await BalancesAsync());
    }

    [Fact]
    public async Task Points_and_a_card_amount_over_the_balance_are_refused_beside_their_fields_and_nothing_is_saved()
    {
        var provider = Open();
        await provider.InvokeAsync(() => PayByCard(provider));

        await provider.InvokeAsync(() => Input(provider, "Points to use").Input("150"));
        provider.WaitForAssertion(() => Assert.Contains("The member holds 120 points: redeem at most that.", provider.Markup, StringComparison.Ordinal));
        await provider.InvokeAsync(() => Input(provider, "Points to use").Input("100"));
        provider.WaitForAssertion(() => Assert.Contains("Total $59.00", provider.Markup, StringComparison.Ordinal));
        await provider.InvokeAsync(() => Input(provider, "From the card").Input("600"));
        provider.WaitForAssertion(() => Assert.Contains("The card holds $580.00: pay the rest another way.", provider.Markup, StringComparison.Ordinal));
        await provider.InvokeAsync(() => provider.FindAll("button").Single(b => b.TextContent.Contains("Save purchase", StringComparison.Ordinal)).Click());

        await using var db = await Services.GetRequiredService<IDbContextFactory<MemberCardsDb>>().CreateDbContextAsync();
        Assert.Equal(0, await db.Purchases.CountAsync());
        Assert.Equal(new CardBalances(50_000, 8_000, 120), await BalancesAsync());
    }
}
