using AngleSharp.Dom;
using MemberCards.Accounts;
using MemberCards.CardValue;
using MemberCards.Data;
using MemberCards.Members;
using MemberCards.Web.Components.CardValue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MemberCards.Web.Tests.CardValue;

/// <summary>The top-up dialog over a real SQLite file with a 充500送80 rule, signed in as staff.</summary>
public sealed class TopUpDialogTests : DatabaseTestContext
{
    private MemberRow _member = null!;

    protected override async Task SeedAsync()
    {
        Authorization.SetAuthorized("staff@test");
        Authorization.SetRoles(Roles.Staff);
        var created = await Services.GetRequiredService<MemberService>().CreateAsync(new NewMember("Ada Lovelace", "ada@example.com", "555 123 4567"), Access.System, CancellationToken.None);
        _member = (await Services.GetRequiredService<MemberProfile>().GetAsync(created.Value!.MemberId, Access.System, CancellationToken.None))!.Member;
        var rules = Services.GetRequiredService<CardRulesService>();
        Assert.True((await rules.SaveTopUpRuleAsync(new TopUpRuleInput(0, 50_000, 8_000, 0, 0, null, null, true), Access.System, CancellationToken.None)).Succeeded);
        Assert.True((await rules.SaveTopUpRuleAsync(new TopUpRuleInput(0, 100_000, 0, 20, 500, null, null, true), Access.System, CancellationToken.None)).Succeeded);
    }

    private IRenderedComponent<MudDialogProvider> Open()
    {
        Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        provider.InvokeAsync(() => TopUpDialog.ShowAsync(Services.GetRequiredService<IDialogService>(), _member));
        provider.WaitForAssertion(() => Assert.Contains("Top up the card of Ada Lovelace", provider.Markup, StringComparison.Ordinal));
        return provider;
    }

    private static IElement Input(IRenderedComponent<MudDialogProvider> provider, string label)
    {
        var id = provider.FindAll("label").Single(l => l.TextContent.Trim() == label).GetAttribute("for");
        return provider.Find($"#{id}");
    }

    private static IElement Button(IRenderedComponent<MudDialogProvider> provider, string text) =>
        provider.FindAll("button").Single(b => b.TextContent.Trim() == text);

    private static string FieldText(IRenderedComponent<MudDialogProvider> provider, string label) =>
        provider.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == label).TextContent;

    private async Task<List<TopUp>> TopUpsAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<MemberCardsDb>>().CreateDbContextAsync();
        return await db.TopUps.AsNoTracking().ToListAsync();
    }

    [Fact]
    public async Task A_preset_shows_the_rule_and_the_bonus_before_saving_and_the_receipt_after()
    {
        var provider = Open();
        provider.WaitForAssertion(() => Assert.Equal(["$500.00", "$1,000.00"], provider.FindAll("[role=group] button").Select(b => b.TextContent.Trim())));

        await provider.InvokeAsync(() => Button(provider, "$500.00").Click());

        provider.WaitForAssertion(() =>
        {
            var quote = provider.Find(".mud-alert").TextContent;
            Assert.Contains("Rule: top up $500.00 or more, get $80.00", quote, StringComparison.Ordinal);
            Assert.Contains("Bonus $80.00 and 0 points", quote, StringComparison.Ordinal);
            Assert.Contains("Balance after: $580.00 (principal $500.00, bonus $80.00)", quote, StringComparison.Ordinal);
        });
        Assert.Empty(await TopUpsAsync());

        await provider.InvokeAsync(() => Button(provider, "Top up").Click());

        provider.WaitForAssertion(() => Assert.Contains("Top-up 1 recorded.", provider.Markup, StringComparison.Ordinal));
        var receipt = provider.Find("[aria-label='Top-up receipt']").TextContent;
        Assert.Contains("Paid$500.00", receipt, StringComparison.Ordinal);
        Assert.Contains("Payment methodCash", receipt, StringComparison.Ordinal);
        Assert.Contains("New stored value$580.00", receipt, StringComparison.Ordinal);
        Assert.Contains("Bonus balance$80.00", receipt, StringComparison.Ordinal);
        var saved = Assert.Single(await TopUpsAsync());
        Assert.Equal((50_000L, 8_000L, PaymentMethod.Cash), (saved.AmountMinor, saved.BonusMinor, saved.Method));
    }

    [Fact]
    public async Task A_typed_amount_is_quoted_live_by_the_highest_rule_met_with_its_points()
    {
        var provider = Open();

        await provider.InvokeAsync(() => Input(provider, "Amount to top up").Input("1200"));

        provider.WaitForAssertion(() =>
        {
            var quote = provider.Find(".mud-alert").TextContent;
            Assert.Contains("Rule: top up $1,000.00 or more, get 20% more and 500 points", quote, StringComparison.Ordinal);
            Assert.Contains("Bonus $240.00 and 500 points", quote, StringComparison.Ordinal);
        });

        await provider.InvokeAsync(() => Input(provider, "Amount to top up").Input("20"));

        provider.WaitForAssertion(() => Assert.Contains("No top-up rule applies to this amount.", provider.Find(".mud-alert").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_amount_over_the_card_cap_is_refused_at_the_field_before_and_on_saving()
    {
        var provider = Open();

        await provider.InvokeAsync(() => Input(provider, "Amount to top up").Input("4950"));

        const string refusal = "A card may hold at most $5,000.00 and this one holds $0.00: top up less.";
        provider.WaitForAssertion(() => Assert.Contains(refusal, FieldText(provider, "Amount to top up"), StringComparison.Ordinal));
        await provider.InvokeAsync(() => Button(provider, "Top up").Click());

        provider.WaitForAssertion(() => Assert.Contains(refusal, FieldText(provider, "Amount to top up"), StringComparison.Ordinal));
        Assert.Empty(await TopUpsAsync());
    }

    [Fact]
    public async Task A_third_decimal_or_an_unnamed_other_method_is_refused_at_its_field_and_nothing_is_saved()
    {
        var provider = Open();

        await provider.InvokeAsync(() => Input(provider, "Amount to top up").Input("10.005"));
        await provider.InvokeAsync(() => Button(provider, "Top up").Click());

        provider.WaitForAssertion(() => Assert.Contains("Use at most two decimals", FieldText(provider, "Amount to top up"), StringComparison.Ordinal));
        Assert.Empty(await TopUpsAsync());

        await provider.InvokeAsync(() => Input(provider, "Amount to top up").Input("10"));
        await provider.InvokeAsync(() => provider.FindAll("label.mud-radio").Single(l => l.TextContent.Contains("Other", StringComparison.Ordinal)).QuerySelector("input")!.Click());
        await provider.InvokeAsync(() => Button(provider, "Top up").Click());

        provider.WaitForAssertion(() => Assert.Contains("Name the payment method.", FieldText(provider, "Name of the payment method"), StringComparison.Ordinal));
        Assert.Empty(await TopUpsAsync());
    }
}
