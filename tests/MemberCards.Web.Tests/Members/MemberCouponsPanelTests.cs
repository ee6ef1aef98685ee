using System.Globalization;
using AngleSharp.Dom;
using MemberCards.Accounts;
using MemberCards.Coupons;
using MemberCards.Members;
using MemberCards.Purchases;
using MemberCards.Web.Components.Members;
using MemberCards.Web.Tests.Coupons;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MemberCards.Web.Tests.Members;

/// <summary>
/// The member page's coupons panel over <see cref="CouponPickerScenario"/>, with the "$1 voucher" redeemed on a
/// sandwich and the "$20 voucher" withdrawn: states, giving one (staff, managers), withdrawing one (managers, marketing).
/// </summary>
public sealed class MemberCouponsPanelTests : DatabaseTestContext
{
    private CouponPickerScenario _ada = null!;
    private int _purchaseId;
    private IRenderedComponent<MudPopoverProvider> _popovers = null!;
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;

    protected override async Task SeedAsync()
    {
        _ada = await CouponPickerScenario.SeedAsync(Services);
        var recorded = await Services.GetRequiredService<PurchaseService>().RecordAsync(
            new NewPurchase(_ada.MemberId, [new NewPurchaseLine(_ada.Sandwich, 1)], CouponCodes: [_ada.Codes["$1 voucher"]]), Access.System, CancellationToken.None);
        Assert.True(recorded.Succeeded, string.Join(", ", recorded.Errors));
        _purchaseId = recorded.Value!.PurchaseId;
        var coupons = Services.GetRequiredService<MemberCouponService>();
        var twenty = (await coupons.ListAsync(_ada.MemberId, Access.System, CancellationToken.None)).Single(c => c.Name == "$20 voucher");
        Assert.True((await coupons.RevokeAsync(twenty.Id, Access.System, CancellationToken.None)).Succeeded);
        _popovers = Render<MudPopoverProvider>();
        _dialogs = Render<MudDialogProvider>();
    }

    private async Task<IRenderedComponent<MemberCouponsPanel>> RenderPanelAsync(string role, int rows = 5)
    {
        Authorization.SetAuthorized($"{role.ToLowerInvariant()}@test");
        Authorization.SetRoles(role);
        var member = (await Services.GetRequiredService<MemberProfile>().GetAsync(_ada.MemberId, Access.System, CancellationToken.None))!.Member;
        var panel = Render<MemberCouponsPanel>(p => p.Add(c => c.Member, member));
        panel.WaitForAssertion(() => Assert.Equal(rows, Rows(panel).Count));
        return panel;
    }

    private static IReadOnlyList<IElement> Rows(IRenderedComponent<MemberCouponsPanel> panel) => panel.FindAll("[aria-label=\"The member's coupons\"] tbody tr");

    private static List<string> Cells(IElement row) => [.. row.QuerySelectorAll("td").Select(c => System.Text.RegularExpressions.Regex.Replace(c.TextContent, @"\s+", " ").Trim())];

    private static IReadOnlyList<string> Buttons(IRenderedComponent<MemberCouponsPanel> panel) => [.. panel.FindAll("button").Select(b => b.TextContent.Trim())];

    private string Validity => $"{_ada.Today.ToString("d", CultureInfo.CurrentCulture)} – {_ada.Today.AddDays(29).ToString("d", CultureInfo.CurrentCulture)}";

    private async Task GiveAsync(IRenderedComponent<MemberCouponsPanel> panel, string template)
    {
        await panel.ClickAsync(() => panel.FindAll("button").Single(b => b.TextContent.Trim() == "Give coupon"));
        _dialogs.WaitForAssertion(() => Assert.Contains("Give Ada Lovelace a coupon", _dialogs.Markup, StringComparison.Ordinal));
        await _dialogs.InvokeAsync(() => _dialogs.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == "Coupon").MouseDown());
        _popovers.WaitForAssertion(() => _popovers.FindAll(".mud-popover-open .mud-list-item").Single(i => i.TextContent.Trim().StartsWith(template + " ·", StringComparison.Ordinal)).Click());
        await _dialogs.ClickAsync(() => _dialogs.FindAll(".mud-dialog-actions button").Single(b => b.TextContent.Trim() == "Give coupon"));
    }

    [Fact]
    public async Task Each_coupon_shows_its_code_state_validity_and_the_purchase_that_redeemed_it_unused_ones_first()
    {
        var panel = await RenderPanelAsync(Roles.Manager);

        var rows = Rows(panel).Select(Cells).ToList();
        // Unused first, soonest to expire first (all five end together: newest first), then the rest newest first.
        Assert.Equal(Names, rows.Select(r => Names.Single(n => r[0].StartsWith(n + " ", StringComparison.Ordinal))));
        Assert.Equal([$"$1 voucher Voucher · {CouponCode.Format(_ada.Codes["$1 voucher"])}", "Redeemed", Validity, $"On purchase {_purchaseId} −$1.00", ""], rows[4]);
        Assert.Equal([$"$20 voucher Voucher · {CouponCode.Format(_ada.Codes["$20 voucher"])}", "Withdrawn", Validity, "", ""], rows[3]);
        Assert.Equal([$"$2 off $10 Amount off over a threshold · {CouponCode.Format(_ada.Codes["$2 off $10"])}", "Issued", Validity, "", "Withdraw"], rows[2]);
    }

    private static readonly string[] Names = ["10% off tomorrow", "Free latte", "$2 off $10", "$20 voucher", "$1 voucher"];

    [Fact]
    public async Task Staff_give_a_coupon_and_cannot_withdraw_one()
    {
        var panel = await RenderPanelAsync(Roles.Staff);
        Assert.DoesNotContain("Withdraw", Buttons(panel));

        await GiveAsync(panel, "$1 voucher");

        panel.WaitForAssertion(() => Assert.Equal(6, Rows(panel).Count));
        Assert.StartsWith("$1 voucher Voucher · ", Cells(Rows(panel)[0])[0], StringComparison.Ordinal);
        Assert.Equal("Issued", Cells(Rows(panel)[0])[1]);
        Assert.Contains("$1 voucher given to Ada Lovelace.", Render<MudSnackbarProvider>().Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_coupon_the_member_holds_the_most_of_is_refused_at_the_field()
    {
        var template = await Services.GetRequiredService<CouponTemplateService>().SaveAsync(
            new CouponTemplateInput(0, 0, "One per member", CouponKind.Voucher, AmountOffMinor: 500, ValidDays: 7, PerMemberLimit: 1), Access.System, CancellationToken.None);
        Assert.True((await Services.GetRequiredService<CouponIssueService>().IssueToMemberAsync(template.Value!.Id, _ada.MemberId, Access.System, CancellationToken.None)).Succeeded);
        var panel = await RenderPanelAsync(Roles.Manager, rows: 6);

        await GiveAsync(panel, "One per member");

        _dialogs.WaitForAssertion(() => Assert.Contains("This member already has 1 of this coupon, the most allowed.",
            _dialogs.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == "Coupon").TextContent, StringComparison.Ordinal));
        Assert.Equal(6, Rows(panel).Count);
    }

    [Fact]
    public async Task Marketing_withdraw_an_unused_coupon_after_confirming_and_cannot_give_one()
    {
        var panel = await RenderPanelAsync(Roles.Marketing);
        Assert.DoesNotContain("Give coupon", Buttons(panel));
        var code = CouponCode.Format(_ada.Codes["$2 off $10"]);

        await panel.ClickAsync(() => panel.Find($"button[aria-label='Withdraw coupon {code}']"));
        _dialogs.WaitForAssertion(() => Assert.Contains($"Withdraw $2 off $10 ({code})? The member can no longer use it.", _dialogs.Markup, StringComparison.Ordinal));
        await _dialogs.ClickAsync(() => _dialogs.FindAll(".mud-dialog-actions button").Single(b => b.TextContent.Trim() == "Withdraw"));

        panel.WaitForAssertion(() => Assert.Equal("Withdrawn", Cells(Rows(panel).Single(r => Cells(r)[0].EndsWith(code, StringComparison.Ordinal)))[1]));
        Assert.Equal(2, panel.FindAll("button").Count(b => b.TextContent.Trim() == "Withdraw"));
    }
}
