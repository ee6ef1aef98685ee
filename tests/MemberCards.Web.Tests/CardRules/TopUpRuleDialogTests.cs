using Bunit;
using MemberCards.Accounts;
using MemberCards.CardValue;
using MemberCards.Data;
using MemberCards.Web.Components.CardRules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace MemberCards.Web.Tests.CardRules;

/// <summary>The top-up rule dialog over a real database: each refusal of the service appears under its own field, and nothing is saved.</summary>
public sealed class TopUpRuleDialogTests : DatabaseTestContext
{
    private TopUpRule _rule500 = null!;

    protected override async Task SeedAsync()
    {
        var saved = await Services.GetRequiredService<CardRulesService>().SaveTopUpRuleAsync(
            new TopUpRuleInput(0, 50_000, 8_000, 0, 0, null, null, true), Access.System, CancellationToken.None);
        _rule500 = saved.Value!;
    }

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync(TopUpRule? rule = null)
    {
        Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        _ = provider.InvokeAsync(() => TopUpRuleDialog.ShowAsync(Services.GetRequiredService<IDialogService>(), Services.GetRequiredService<IStringLocalizer<CardRulesText>>(), rule));
        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll("input")));
        await Task.CompletedTask;
        return provider;
    }

    private static AngleSharp.Dom.IElement Control(IRenderedComponent<MudDialogProvider> provider, string label) =>
        provider.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == label);

    // Number fields take each keystroke (Immediate); the date pickers read the typed date when it changes. Each
    // event finds its field in the same renderer turn (InOneTurn): the example below the form re-renders it.
    private static async Task Type(IRenderedComponent<MudDialogProvider> provider, string label, string value)
    {
        AngleSharp.Dom.IElement Input() => Control(provider, label).QuerySelector("input")!;
        if (label.EndsWith("day", StringComparison.Ordinal))
        {
            await provider.ChangeAsync(Input, value);
            return;
        }
        await provider.InputAsync(Input, value);
        await provider.BlurAsync(Input);
    }

    private static Task Save(IRenderedComponent<MudDialogProvider> provider, string button) =>
        provider.ClickAsync(() => provider.FindAll("button").Single(b => b.TextContent.Trim() == button));

    private static void SaysAt(IRenderedComponent<MudDialogProvider> provider, string label, string message) =>
        provider.WaitForAssertion(() => Assert.Contains(message, Control(provider, label).TextContent, StringComparison.Ordinal));

    private async Task<int> RuleCountAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<MemberCardsDb>>().CreateDbContextAsync();
        return await db.TopUpRules.CountAsync();
    }

    [Fact]
    public async Task A_second_rule_at_the_same_amount_is_refused_at_the_amount_naming_the_rule_it_overlaps()
    {
        var provider = await OpenAsync();

        await Type(provider, "Top-up amount at least", "500");
        await Type(provider, "Bonus amount", "50");
        await Save(provider, "Add rule");

        SaysAt(provider, "Top-up amount at least", $"Rule {_rule500.Id} already gives a bonus at this amount on some of these days.");
        Assert.Equal(1, await RuleCountAsync());
    }

    [Fact]
    public async Task A_bonus_over_100_percent_is_refused_at_the_percent()
    {
        var provider = await OpenAsync();

        await Type(provider, "Top-up amount at least", "300");
        await provider.ClickAsync(() => provider.FindAll("input[type=radio]")[1]);
        provider.WaitForAssertion(() => Control(provider, "Bonus percent"));
        await Type(provider, "Bonus percent", "150");
        await Save(provider, "Add rule");

        SaysAt(provider, "Bonus percent", "Enter a percent from 0 to 100.");
        Assert.Equal(1, await RuleCountAsync());
    }

    [Fact]
    public async Task A_last_day_before_the_first_is_refused_at_the_last_day()
    {
        var provider = await OpenAsync();

        await Type(provider, "Top-up amount at least", "300");
        await Type(provider, "First day", "04/10/2026");
        await Type(provider, "Last day", "04/01/2026");
        await Save(provider, "Add rule");

        SaysAt(provider, "Last day", "The last day comes before the first.");
        Assert.Equal(1, await RuleCountAsync());
    }

    [Fact]
    public async Task An_amount_with_a_third_decimal_is_held_back_at_its_field()
    {
        var provider = await OpenAsync();

        await Type(provider, "Top-up amount at least", "300.005");
        await Save(provider, "Add rule");

        SaysAt(provider, "Top-up amount at least", "Use at most two decimals for an amount.");
        Assert.Equal(1, await RuleCountAsync());
    }

    [Fact]
    public async Task A_rule_someone_else_changed_meanwhile_is_refused_and_reloads_their_version()
    {
        var provider = await OpenAsync(_rule500);
        await Services.GetRequiredService<CardRulesService>().SaveTopUpRuleAsync(
            new TopUpRuleInput(_rule500.Id, 50_000, 10_000, 0, 0, null, null, true, _rule500.Version), Access.System, CancellationToken.None);

        await Type(provider, "Bonus amount", "90");
        await Save(provider, "Save");

        provider.WaitForAssertion(() => Assert.Contains("Someone else changed this rule meanwhile", provider.Find(".mud-alert").TextContent, StringComparison.Ordinal));
        await provider.ClickAsync(() => provider.FindAll(".mud-alert button").Single());
        provider.WaitForAssertion(() => Assert.Contains("Reads as: Top up $500, get $100", provider.Markup, StringComparison.Ordinal));
        await Save(provider, "Save");
        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll(".mud-dialog")));
    }

    [Fact]
    public async Task A_new_percent_rule_with_points_is_saved_and_reads_as_the_shop_says_it()
    {
        var provider = await OpenAsync();

        await Type(provider, "Top-up amount at least", "1000");
        await provider.ClickAsync(() => provider.FindAll("input[type=radio]")[1]);
        provider.WaitForAssertion(() => Control(provider, "Bonus percent"));
        await Type(provider, "Bonus percent", "10");
        await Type(provider, "Bonus points", "200");
        provider.WaitForAssertion(() => Assert.Contains("Reads as: Top up $1,000, get 10% extra and 200 points", provider.Markup, StringComparison.Ordinal));
        await Save(provider, "Add rule");

        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll(".mud-dialog")));
        var rules = await Services.GetRequiredService<CardRulesService>().TopUpRulesAsync(Access.System, CancellationToken.None);
        Assert.Equal((100_000L, 0L, 10, 200L), (rules[1].ThresholdMinor, rules[1].BonusMinor, rules[1].BonusPercent, rules[1].BonusPoints));
    }
}
