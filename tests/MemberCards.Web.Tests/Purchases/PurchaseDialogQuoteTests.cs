using System.Data.Common;
using AngleSharp.Dom;
using MemberCards.CardValue;
using MemberCards.Data;
using MemberCards.Members;
using MemberCards.Products;
using MemberCards.Purchases;
using MemberCards.Web.Components.Purchases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MemberCards.Web.Tests.Purchases;

/// <summary>Counts the quotes the app asks for: a quote reads the store's points rule once, and nothing else in the dialog does.</summary>
public sealed class QuoteCounter : DbCommandInterceptor
{
    private int _quotes;

    public int Quotes => Volatile.Read(ref _quotes);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.CommandText.Contains("\"PointsRules\"", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _quotes);
        }
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }
}

/// <summary>The purchase dialog prices the basket once for each change a cashier makes, with the tenders that pay it.</summary>
public sealed class PurchaseDialogQuoteTests() : DatabaseTestContext(services => services
    .AddSingleton<QuoteCounter>()
    .ConfigureDbContext<MemberCardsDb>((provider, options) => options.AddInterceptors(provider.GetRequiredService<QuoteCounter>())))
{
    private PurchaseMember _member = null!;

    protected override async Task SeedAsync()
    {
        Authorization.SetAuthorized("staff@test");
        Authorization.SetRoles(MemberCards.Accounts.Roles.Staff);
        await using var db = await Services.GetRequiredService<IDbContextFactory<MemberCardsDb>>().CreateDbContextAsync();
        var member = new Member { Name = "Ada Lovelace", SearchName = "ada lovelace", CardNumber = "123456789018", PrincipalMinor = 10_000, TierId = 1 };
        db.Members.Add(member);
        db.Products.Add(new Product { Name = "Latte", Category = "Coffee", UnitPriceMinor = 450 });
        db.PointsRules.Add(new PointsRule());
        await db.SaveChangesAsync();
        _member = new PurchaseMember(member.Id, member.Name, member.CardNumber);
    }

    private static IElement Input(IRenderedComponent<MudDialogProvider> provider, string label)
    {
        var id = provider.FindAll("label").Single(l => l.TextContent.Trim() == label).GetAttribute("for");
        return provider.Find($"#{id}");
    }

    private int Quotes => Services.GetRequiredService<QuoteCounter>().Quotes;

    [Fact]
    public async Task Each_change_of_a_field_is_quoted_once_with_the_tenders_that_pay_it()
    {
        var popovers = Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        // Not awaited: the dialog's task ends when it closes.
        _ = provider.InvokeAsync(() => PurchaseDialog.ShowAsync(Services.GetRequiredService<IDialogService>(), _member));
        provider.WaitForAssertion(() => Assert.Single(provider.FindComponent<PurchaseLines>().Instance.Catalog));
        provider.WaitForAssertion(() => Assert.Contains("Card $100.00", provider.Markup, StringComparison.Ordinal));

        var quotes = Quotes;
        ProductPicking.Pick(provider, popovers, "Latte", "lat");
        provider.WaitForAssertion(() => Assert.Contains("Total $4.50", provider.Markup, StringComparison.Ordinal));
        Assert.Equal(quotes + 1, Quotes);

        quotes = Quotes;
        await provider.InvokeAsync(() => Input(provider, "Quantity, line 1").Input("3"));
        provider.WaitForAssertion(() => Assert.Contains("Total $13.50", provider.Markup, StringComparison.Ordinal));
        Assert.Equal(quotes + 1, Quotes);

        quotes = Quotes;
        await provider.InvokeAsync(() => provider.FindAll("label.mud-switch").Single(l => l.TextContent.Contains("Pay from the card", StringComparison.Ordinal)).QuerySelector("input")!.Change(true));
        // The card pays it all: ¥13.50 of ¥100 principal, no bonus.
        provider.WaitForAssertion(() => Assert.Contains("$13.50 principal + $0.00 bonus", provider.Markup, StringComparison.Ordinal));
        Assert.Equal(quotes + 1, Quotes);
    }
}
