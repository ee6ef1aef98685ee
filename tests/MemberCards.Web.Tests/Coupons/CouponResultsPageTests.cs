using Bunit;
using MemberCards.Accounts;
using MemberCards.Coupons;
using MemberCards.Data;
using MemberCards.Purchases;
using MemberCards.Web.Components.Coupons;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MemberCards.Web.Tests.Coupons;

/// <summary>
/// Campaign results over a hand-built history (<see cref="CouponScenario"/>): the 满减 issued to everyone with a 50%
/// control group (one member gets it, two are held back), then redeemed on two lattes ($9.00 less $1.00); and a
/// voucher given to one member, unused.
/// </summary>
public sealed class CouponResultsPageTests : DatabaseTestContext
{
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;

    protected override async Task SeedAsync()
    {
        Authorization.SetAuthorized("marketing@test");
        Authorization.SetRoles(Roles.Marketing);
        var shop = await CouponScenario.SeedAsync(Services);
        var issued = await Services.GetRequiredService<CouponIssueService>().IssueToSegmentAsync(shop.TemplateId, shop.EveryoneId, 50, Access.System, CancellationToken.None);
        Assert.Equal((1, 2), (issued.Value!.Issued, issued.Value.Control));
        await using (var db = await Services.GetRequiredService<IDbContextFactory<MemberCardsDb>>().CreateDbContextAsync())
        {
            var coupon = await db.Coupons.SingleAsync();
            var bought = await Services.GetRequiredService<PurchaseService>().RecordAsync(
                new NewPurchase(coupon.MemberId, [new NewPurchaseLine(shop.LatteId, 2)], CouponCodes: [coupon.Code]), Access.System, CancellationToken.None);
            Assert.Equal(800, bought.Value!.TotalMinor);
        }
        var voucher = await Services.GetRequiredService<CouponTemplateService>().SaveAsync(
            new CouponTemplateInput(0, 0, "Welcome $3", CouponKind.Voucher, AmountOffMinor: 300, ValidDays: 30), Access.System, CancellationToken.None);
        Assert.True((await Services.GetRequiredService<CouponIssueService>().IssueToMemberAsync(voucher.Value!.Id, shop.Members["Ben"], Access.System, CancellationToken.None)).Succeeded);
        Render<MudPopoverProvider>();
        _dialogs = Render<MudDialogProvider>();
    }

    private static List<string> Row(IRenderedComponent<CouponResultsPage> page, string template) =>
        [.. page.FindAll("tbody tr").Single(r => r.TextContent.Contains(template, StringComparison.Ordinal)).QuerySelectorAll("td").Select(c => c.TextContent.Trim())];

    [Fact]
    public void Each_issue_shows_what_it_issued_redeemed_earned_and_gave()
    {
        var page = Render<CouponResultsPage>();

        page.WaitForAssertion(() =>
        {
            var campaign = Row(page, "Spend $5 get $1");
            Assert.Equal("Issued to a segment: Everyone", campaign[1]);
            Assert.EndsWith("demo-data", campaign[2], StringComparison.Ordinal);
            Assert.Equal(["1", "1", "100.0%", "$8.00", "$1.00"], campaign[3..]);
            var voucher = Row(page, "Welcome $3");
            Assert.Equal("Given to one member", voucher[1]);
            Assert.Equal(["1", "0", "0.0%", "$0.00", "$0.00"], voucher[3..]);
        });
    }

    [Fact]
    public async Task A_campaign_with_a_control_group_opens_its_lift_against_the_control_group()
    {
        var page = Render<CouponResultsPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tbody tr").Count));

        await page.ClickAsync(() => page.FindAll("tbody tr").Single(r => r.TextContent.Contains("Spend $5 get $1", StringComparison.Ordinal)));

        _dialogs.WaitForAssertion(() =>
        {
            var rows = _dialogs.FindAll("[aria-label='Coupon group against control group'] tbody tr")
                .Select(r => string.Join(" | ", r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()))).ToList();
            Assert.Equal(["Members | 1 | 2", "Spend | $8.00 | $0.00", "Per member | $8.00 | $0.00"], rows);
            Assert.Equal("Incremental spend: $8.00", _dialogs.Find("[aria-label='Incremental spend']").TextContent.Trim());
        });
    }

    [Fact]
    public async Task An_issue_without_a_control_group_says_its_lift_cant_be_measured()
    {
        var page = Render<CouponResultsPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tbody tr").Count));

        await page.ClickAsync(() => page.FindAll("tbody tr").Single(r => r.TextContent.Contains("Welcome $3", StringComparison.Ordinal)));

        _dialogs.WaitForAssertion(() => Assert.Contains("This issue has no control group, so its lift can't be measured.", _dialogs.Markup, StringComparison.Ordinal));
    }
}
