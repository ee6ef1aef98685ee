using Bunit;
using MemberCards.Accounts;
using MemberCards.CardValue;
using MemberCards.Products;
using MemberCards.Purchases;
using MemberCards.Web.Components.CardRules;
using MemberCards.Web.Components.Liability;
using Microsoft.Extensions.DependencyInjection;

namespace MemberCards.Web.Tests.Liability;

/// <summary>
/// A member tops up ¥500 under 充500送80 today and pays a ¥60 meal from the card: ¥51.72 of principal and ¥8.28 of bonus
/// (in proportion to ¥500 : ¥80), earning 60 points that expire a month later. The store's currency here is USD.
/// </summary>
public abstract class CardShopContext : DatabaseTestContext
{
    protected override async Task SeedAsync()
    {
        JSInterop.SetupModule("./Components/Charts/ApexChart.razor.js");
        var meal = await Services.GetRequiredService<ProductService>().AddAsync(new ProductInput("Noodle set", "Noodles", 6_000), Access.System, CancellationToken.None);
        var rules = Services.GetRequiredService<CardRulesService>();
        await rules.SaveTopUpRuleAsync(new TopUpRuleInput(0, 50_000, 8_000, 0, 0, null, null, true), Access.System, CancellationToken.None);
        await rules.SavePointsRuleAsync(new PointsRule { Expiry = PointsExpiryPolicy.MonthsAfterEarning, ExpiryMonths = 1 }, Access.System, CancellationToken.None);
        var member = (await Services.GetRequiredService<MemberCards.Members.MemberService>().CreateAsync(new MemberCards.Members.NewMember("Ada Lovelace", null, null), Access.System, CancellationToken.None)).Value!.MemberId;
        Assert.True((await Services.GetRequiredService<TopUpService>().RecordAsync(new NewTopUp(member, 50_000, PaymentMethod.Cash), Access.System, CancellationToken.None)).Succeeded);
        var paid = await Services.GetRequiredService<PurchaseService>().RecordAsync(
            new NewPurchase(member, [new NewPurchaseLine(meal.Value, 1)], Tenders: [new Tender(PaymentMethod.StoredValue, 6_000)]), Access.System, CancellationToken.None);
        Assert.True(paid.Succeeded);
        Render<MudBlazor.MudPopoverProvider>();
    }

    protected static string Figure(IRenderedComponent<LiabilityPage> page, string label) =>
        page.Find($"[role=group][aria-label='{label}']").TextContent;
}

public sealed class LiabilityPageTests : CardShopContext
{
    [Fact]
    public void The_report_shows_what_the_cards_hold_and_the_points_due_to_expire()
    {
        var page = Render<LiabilityPage>();

        page.WaitForAssertion(() => Assert.Contains("$520.00", Figure(page, "Stored value outstanding"), StringComparison.Ordinal));
        Assert.Contains("Principal $448.28 · bonus $71.72", Figure(page, "Stored value outstanding"), StringComparison.Ordinal);
        Assert.Contains("Worth $0.60 under the current points rule", Figure(page, "Points outstanding"), StringComparison.Ordinal);
        Assert.Contains("0 members owe points", Figure(page, "Points owed"), StringComparison.Ordinal);
        var windows = page.FindAll("[aria-label='Expiring soon'] tbody tr").Select(r => r.Children.Skip(1).Select(c => c.TextContent.Trim()).ToList()).ToList();
        // A month is 28 to 31 days: inside 60 days whatever today is.
        Assert.Equal([["60", "$0.60", "$0.00"], ["60", "$0.60", "$0.00"]], windows[1..]);
        Assert.Contains("Bonus never expires", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Top_ups_and_card_spend_read_as_a_table_with_the_same_numbers_as_the_chart()
    {
        var page = Render<LiabilityPage>();
        page.WaitForAssertion(() => Assert.Contains("$520.00", Figure(page, "Stored value outstanding"), StringComparison.Ordinal));

        await page.ChangeAsync(() => page.Find("[role=region][aria-label='Top-ups and spend from cards'] input[type=checkbox]"), true);

        page.WaitForAssertion(() =>
        {
            var rows = page.FindAll("[role=region][aria-label='Top-ups and spend from cards'] tbody tr");
            Assert.Equal(30, rows.Count);
            Assert.Equal(["$500.00", "$80.00", "$60.00"], rows[^1].Children.Skip(1).Select(c => c.TextContent.Trim()));
            Assert.Equal(["$0.00", "$0.00", "$0.00"], rows[0].Children.Skip(1).Select(c => c.TextContent.Trim()));
        });
    }
}

public sealed class ChineseCardPagesTests : CardShopContext
{
    protected override string Language => Web.Localization.Languages.Chinese;

    [Fact]
    public void The_liability_report_reads_in_Chinese()
    {
        var page = Render<LiabilityPage>();

        page.WaitForAssertion(() => Assert.Contains("本金 $448.28 · 赠送 $71.72", Figure(page, "储值余额"), StringComparison.Ordinal));
        Assert.Contains("按现行积分规则价值 $0.60", Figure(page, "未使用积分"), StringComparison.Ordinal);
        Assert.Contains("未来 30 天", page.Find("[aria-label='即将过期']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Top_up_rules_read_the_way_a_Chinese_shop_writes_them()
    {
        var page = Render<CardRulesPage>();

        page.WaitForAssertion(() => Assert.Equal("充500送80", page.Find("[aria-label='充值赠送'] tbody tr td:nth-child(2)").TextContent.Trim()));
        Assert.Equal("今日生效", page.Find("[aria-label='充值赠送'] tbody tr .mud-chip").TextContent.Trim());
    }
}
