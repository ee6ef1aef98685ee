using Bunit;
using MemberCards.Accounts;
using MemberCards.Coupons;
using MemberCards.Data;
using MemberCards.Web.Components.Coupons;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace MemberCards.Web.Tests.Coupons;

/// <summary>Issuing a template to a saved segment (<see cref="CouponScenario"/>): the preview follows the template and the control group; refusals stay in the dialog.</summary>
public sealed class IssueCouponDialogTests : DatabaseTestContext
{
    private IRenderedComponent<MudPopoverProvider> _popovers = null!;
    private CouponScenario _shop = null!;

    protected override async Task SeedAsync()
    {
        Authorization.SetAuthorized("marketing@test");
        Authorization.SetRoles(Roles.Marketing);
        _shop = await CouponScenario.SeedAsync(Services);
        _popovers = Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
    }

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync(int segmentId, string segmentName)
    {
        var provider = Render<MudDialogProvider>();
        _ = provider.InvokeAsync(() => IssueCouponDialog.ShowAsync(Services.GetRequiredService<IDialogService>(), Services.GetRequiredService<IStringLocalizer<CouponsText>>(), segmentId, segmentName));
        provider.WaitForAssertion(() => Assert.NotNull(Control(provider, "Template")));
        await provider.InvokeAsync(() => Control(provider, "Template").MouseDown());
        _popovers.WaitForAssertion(() => _popovers.FindAll(".mud-popover-open .mud-list-item").Single(i => i.TextContent.Contains("Spend $5 get $1", StringComparison.Ordinal)).Click());
        return provider;
    }

    private static AngleSharp.Dom.IElement Control(IRenderedComponent<MudDialogProvider> provider, string label) =>
        provider.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == label);

    private static IReadOnlyList<string> Preview(IRenderedComponent<MudDialogProvider> provider) =>
        [.. provider.FindAll("[aria-label=Preview] tr").Select(r => string.Join(": ", r.QuerySelectorAll("td").Select(c => c.TextContent.Trim())))];

    private static Task Control(IRenderedComponent<MudDialogProvider> provider, int percent) =>
        provider.InputAsync(() => Control(provider, "Control group").QuerySelector("input")!, percent.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private async Task<int> CouponCountAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<MemberCardsDb>>().CreateDbContextAsync();
        return await db.Coupons.CountAsync();
    }

    [Fact]
    public async Task The_preview_follows_the_control_group_and_issuing_more_than_are_left_is_refused_in_the_dialog()
    {
        var provider = await OpenAsync(_shop.EveryoneId, "Everyone");

        provider.WaitForAssertion(() => Assert.Equal(["Members in the segment: 3", "Control group (no coupon): 0", "Receiving a coupon: 3", "Skipped: at their limit: 0",
            "Left to issue before: 2", "Cost if all redeem: $3.00"], Preview(provider)));
        await provider.ClickAsync(() => provider.FindAll("button").Single(b => b.TextContent.Trim() == "Issue"));
        provider.WaitForAssertion(() => Assert.Contains("Only 2 of this coupon are left to issue, and this would issue 3.", provider.Find(".mud-alert").TextContent, StringComparison.Ordinal));
        Assert.Equal(0, await CouponCountAsync());

        await Control(provider, 50);
        provider.WaitForAssertion(() => Assert.Equal(["Members in the segment: 3", "Control group (no coupon): 2", "Receiving a coupon: 1", "Skipped: at their limit: 0",
            "Left to issue before: 2", "Cost if all redeem: $1.00"], Preview(provider)));
        await provider.ClickAsync(() => provider.FindAll("button").Single(b => b.TextContent.Trim() == "Issue"));

        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll(".mud-dialog")));
        Assert.Equal(1, await CouponCountAsync());
        var issue = Assert.Single(await Services.GetRequiredService<CouponResultsService>().ListAsync(Access.System, CancellationToken.None));
        Assert.Equal((1, 2, "Everyone"), (issue.Issued, issue.ControlMembers, issue.SegmentName));
    }

    [Fact]
    public async Task A_control_group_above_half_is_refused_at_its_field()
    {
        var provider = await OpenAsync(_shop.EveryoneId, "Everyone");
        provider.WaitForAssertion(() => Assert.NotEmpty(Preview(provider)));

        await Control(provider, 60);

        provider.WaitForAssertion(() => Assert.Contains("A control group is from 0 to 50% of the segment.", Control(provider, "Control group").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_empty_segment_says_so_in_the_dialog_and_issues_nothing()
    {
        var provider = await OpenAsync(_shop.NobodyId, "Big spenders");

        provider.WaitForAssertion(() => Assert.Contains("This segment has no members today: nothing to issue.", provider.Find(".mud-alert").TextContent, StringComparison.Ordinal));
        await provider.ClickAsync(() => provider.FindAll("button").Single(b => b.TextContent.Trim() == "Issue"));
        provider.WaitForAssertion(() => Assert.Contains("This segment has no members today", provider.Find(".mud-alert").TextContent, StringComparison.Ordinal));
        Assert.Equal(0, await CouponCountAsync());
    }
}
