using System.Text.RegularExpressions;
using Bunit;
using MemberCards.Accounts;
using MemberCards.Members;
using MemberCards.Products;
using MemberCards.Purchases;
using MemberCards.Web.Components.Auditing;
using MemberCards.Web.Components.Campaigns;
using MemberCards.Web.Components.Dashboard;
using MemberCards.Web.Components.Layout;
using MemberCards.Web.Components.Members;
using MemberCards.Web.Components.Products;
using MemberCards.Web.Components.Purchases;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace MemberCards.Web.Tests.Localization;

/// <summary>Every page rendered for a user who reads Chinese shows no English word outside a short allow-list.</summary>
public sealed partial class ChinesePagesTests : DatabaseTestContext
{
    // Names the data or the world gives (the product, the member, their email, reasons people wrote), the brand, acronyms,
    // and the API's own identifiers (its address and scope names, which integrations type as they are).
    private static readonly string[] Allowed = ["Member Cards", "Birthday gift", "Wrong card", "Latte", "Coffee", "Ada Lovelace", "ada@example.com", "manager@test", "RFM", "CSV", "Excel", "Ctrl+Enter", "Alt+N",
        "/api/v1", .. MemberCards.ApiKeys.ApiScopeNames.Names.Values, "API", .. MemberCards.Webhooks.WebhookEventNames.Names.Values, "Webhook"];

    private static readonly System.Security.Claims.ClaimsPrincipal Manager = new(new System.Security.Claims.ClaimsIdentity(
        [new(System.Security.Claims.ClaimTypes.Name, "manager@test"), new(System.Security.Claims.ClaimTypes.Role, Roles.Manager)], authenticationType: "test"));

    private int _member;

    protected override string Language => Web.Localization.Languages.Chinese;

    protected override async Task SeedAsync()
    {
        JSInterop.SetupModule("./Components/Charts/ApexChart.razor.js");
        var product = await Services.GetRequiredService<ProductService>().AddAsync(new ProductInput("Latte", "Coffee", 450), Manager, CancellationToken.None);
        _member = (await Services.GetRequiredService<MemberService>().CreateAsync(new NewMember("Ada Lovelace", "ada@example.com", "555 123 4567", MarketingOptIn: true), Manager, CancellationToken.None)).Value!.MemberId;
        var purchase = await Services.GetRequiredService<PurchaseService>().RecordAsync(new NewPurchase(_member, [new NewPurchaseLine(product.Value, 2)]), Manager, CancellationToken.None);
        Assert.True(purchase.Succeeded);
        // A card with value: the member page's panel and ledger and the grid's balance and points columns are read too.
        await CardValue.CardValueScenario.SeedAsync(Services, _member, Manager);
        // A weekend 满减 given to the member: the coupons table, its days and the results are read too.
        var coupon = await Services.GetRequiredService<MemberCards.Coupons.CouponTemplateService>().SaveAsync(new MemberCards.Coupons.CouponTemplateInput(0, 0, "周末满减", MemberCards.Coupons.CouponKind.AmountOff,
            ThresholdMinor: 5_000, AmountOffMinor: 1_000, ValidDays: 20, Weekdays: (1 << (int)DayOfWeek.Saturday) | (1 << (int)DayOfWeek.Sunday)), Manager, CancellationToken.None);
        Assert.True((await Services.GetRequiredService<MemberCards.Coupons.CouponIssueService>().IssueToMemberAsync(coupon.Value!.Id, _member, Manager, CancellationToken.None)).Succeeded);
        // A second card of hers, one digit off in the phone: the duplicates page lists the pair.
        Assert.True((await Services.GetRequiredService<MemberService>().CreateAsync(new NewMember("Ada Lovelace", null, "555 123 4568"), Manager, CancellationToken.None)).Succeeded);
        Render<MudBlazor.MudPopoverProvider>();
    }

    public static TheoryData<string> Pages => ["dashboard", "members", "member", "purchases", "products", "campaigns", "audit", "card rules", "tiers", "liability", "coupons", "coupon results", "api keys", "duplicates", "navigation", "not found"];

    [Theory]
    [MemberData(nameof(Pages))]
    public void A_page_in_Chinese_shows_no_untranslated_English(string page)
    {
        switch (page)
        {
            case "dashboard": ShowsOnlyChinese(Render<Home>(), page); break;
            case "members": ShowsOnlyChinese(Render<MembersPage>(), page); break;
            case "member": ShowsOnlyChinese(Render<MemberPage>(p => p.Add(m => m.Id, _member)), page); break;
            case "purchases": ShowsOnlyChinese(Render<PurchasesPage>(), page); break;
            case "products": ShowsOnlyChinese(Render<ProductsPage>(), page); break;
            case "campaigns": ShowsOnlyChinese(Render<CampaignsPage>(), page); break;
            case "audit": ShowsOnlyChinese(Render<AuditPage>(), page); break;
            case "card rules": ShowsOnlyChinese(Render<Web.Components.CardRules.CardRulesPage>(), page); break;
            case "tiers": ShowsOnlyChinese(Render<Web.Components.Tiers.TiersPage>(), page); break;
            case "liability": ShowsOnlyChinese(Render<Web.Components.Liability.LiabilityPage>(), page); break;
            case "coupons": ShowsOnlyChinese(Render<Web.Components.Coupons.CouponsPage>(), page); break;
            case "coupon results": ShowsOnlyChinese(Render<Web.Components.Coupons.CouponResultsPage>(), page); break;
            case "api keys": ShowsOnlyChinese(Render<Web.Components.ApiKeys.ApiKeysPage>(), page); break;
            case "duplicates": ShowsOnlyChinese(Render<Web.Components.Merging.DuplicatesPage>(), page); break;
            case "navigation": ShowsOnlyChinese(Render<NavMenu>(), page); break;
            default: ShowsOnlyChinese(Render<Web.Components.Pages.NotFound>(), page); break;
        }
    }

    // Waits for the page's data (each page first shows a loading state), then reads all its text.
    private static void ShowsOnlyChinese<T>(IRenderedComponent<T> rendered, string page) where T : IComponent =>
        rendered.WaitForAssertion(() =>
        {
            var text = Allowed.Aggregate(string.Concat(rendered.Nodes.Select(n => n.TextContent)), (t, allowed) => t.Replace(allowed, " ", StringComparison.Ordinal));
            var english = Word().Matches(text).Select(m => m.Value).Distinct().ToList();
            Assert.True(english.Count == 0, $"{page} shows English: {string.Join(", ", english)}");
            Assert.Matches(Chinese(), text);
        });

    [GeneratedRegex("[A-Za-z]{2,}")]
    private static partial Regex Word();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();
}
