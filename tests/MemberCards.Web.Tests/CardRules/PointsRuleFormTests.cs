using Bunit;
using MemberCards.Accounts;
using MemberCards.CardValue;
using MemberCards.Products;
using MemberCards.Web.Components.CardRules;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MemberCards.Web.Tests.CardRules;

/// <summary>The card rules page over a real database: the top-up rules as the shop says them, and the points rule form.</summary>
public sealed class PointsRuleFormTests : DatabaseTestContext
{
    protected override async Task SeedAsync()
    {
        var products = Services.GetRequiredService<ProductService>();
        await products.AddAsync(new ProductInput("Latte", "Coffee", 450), Access.System, CancellationToken.None);
        await products.AddAsync(new ProductInput("Gift card", "Gift cards", 10_000), Access.System, CancellationToken.None);
        var rules = Services.GetRequiredService<CardRulesService>();
        await rules.SaveTopUpRuleAsync(new TopUpRuleInput(0, 100_000, 20_000, 0, 0, null, null, true), Access.System, CancellationToken.None);
        await rules.SaveTopUpRuleAsync(new TopUpRuleInput(0, 50_000, 8_000, 0, 0, null, null, true), Access.System, CancellationToken.None);
        await rules.SaveTopUpRuleAsync(new TopUpRuleInput(0, 30_000, 0, 10, 300, new DateOnly(2020, 1, 1), new DateOnly(2020, 1, 31), true), Access.System, CancellationToken.None);
        Render<MudPopoverProvider>();
    }

    private static AngleSharp.Dom.IElement Control(IRenderedComponent<CardRulesPage> page, string label) =>
        page.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == label);

    // Each action finds its element and fires in one renderer turn: a re-render in between (a field's validation, the
    // example below the form) would otherwise leave a stale event handler id.
    private static Task Type(IRenderedComponent<CardRulesPage> page, string label, string value) =>
        page.InvokeAsync(async () =>
        {
            await Control(page, label).QuerySelector("input")!.InputAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = value });
            await Control(page, label).QuerySelector("input")!.BlurAsync(new Microsoft.AspNetCore.Components.Web.FocusEventArgs());
        });

    private static Task Save(IRenderedComponent<CardRulesPage> page) =>
        page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Save points rule").ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs()));

    [Fact]
    public void Top_up_rules_are_listed_by_amount_as_the_shop_says_them_with_where_they_stand_today()
    {
        var page = Render<CardRulesPage>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[aria-label='Top-up bonuses'] tbody tr").Count));
        var rows = page.FindAll("[aria-label='Top-up bonuses'] tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(["Top up $300, get 10% extra and 300 points", "Top up $500, get $80", "Top up $1,000, get $200"], rows.Select(r => r[1]));
        Assert.Equal(["1/1/2020 – 1/31/2020", "Ended"], rows[0][5..7]);
        Assert.Equal(["Every day", "In force today"], rows[1][5..7]);
    }

    [Fact]
    public async Task A_cap_over_100_percent_is_refused_at_its_field_alone_and_no_rule_is_saved()
    {
        var page = Render<CardRulesPage>();
        page.WaitForAssertion(() => Assert.Contains("No points rule yet", page.Markup, StringComparison.Ordinal));

        await Type(page, "Most points may pay, percent of the bill", "150");
        await Type(page, "Smallest redemption (points)", "100");
        await Save(page);

        page.WaitForAssertion(() => Assert.Contains("Enter a number from 0 to 100.", Control(page, "Most points may pay, percent of the bill").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("Enter a number", Control(page, "Points earned per $1.00 paid").TextContent, StringComparison.Ordinal);
        Assert.Null(await Services.GetRequiredService<CardRulesService>().PointsRuleAsync(Access.System, CancellationToken.None));
    }

    [Fact]
    public async Task A_points_rule_is_saved_with_its_cap_in_fen_and_the_example_follows_the_fields()
    {
        var page = Render<CardRulesPage>();
        page.WaitForAssertion(() => Control(page, "Most points may pay of one bill"));

        await Type(page, "Points that pay $1.00", "200");
        await Type(page, "Most points may pay of one bill", "30.50");
        page.WaitForAssertion(() => Assert.Contains("On a $100.00 bill points pay at most $30.50.", page.Markup, StringComparison.Ordinal));
        await Save(page);

        page.WaitForAssertion(() => Assert.DoesNotContain("No points rule yet", page.Markup, StringComparison.Ordinal));
        var rule = await Services.GetRequiredService<CardRulesService>().PointsRuleAsync(Access.System, CancellationToken.None);
        Assert.Equal((200, 3_050L, 50, 1), (rule!.RedeemPointsPerYuan, rule.RedeemCapMinor, rule.RedeemCapPercent, rule.Version));
    }

    [Fact]
    public async Task A_points_rule_another_manager_saved_meanwhile_is_not_overwritten()
    {
        var page = Render<CardRulesPage>();
        page.WaitForAssertion(() => Control(page, "Points that pay $1.00"));
        var saved = await Services.GetRequiredService<CardRulesService>().SavePointsRuleAsync(new PointsRule { RedeemPointsPerYuan = 50 }, Access.System, CancellationToken.None);
        Assert.True(saved.Succeeded);

        await Type(page, "Points that pay $1.00", "200");
        await Save(page);

        page.WaitForAssertion(() => Assert.Contains("Someone else changed this rule meanwhile", page.Find(".mud-alert-filled-error, .mud-alert-text-error").TextContent, StringComparison.Ordinal));
        Assert.Equal(50, (await Services.GetRequiredService<CardRulesService>().PointsRuleAsync(Access.System, CancellationToken.None))!.RedeemPointsPerYuan);
        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Reload").ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs()));
        page.WaitForAssertion(() => Assert.Equal("50", Control(page, "Points that pay $1.00").QuerySelector("input")!.GetAttribute("value")));
    }
}
