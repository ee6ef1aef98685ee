using System.Globalization;
using AngleSharp.Dom;
using MemberCards.Data;
using MemberCards.Purchases;
using MemberCards.Web.Components.Purchases;
using MemberCards.Web.Tests.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MemberCards.Web.Tests.Purchases;

/// <summary>
/// The purchase dialog and the purchase details for a Gold member (<see cref="TierScenario"/>: Gold at 5% off, reached
/// with nine $400 gift cards): the outlook under the member, list, member discount and net per line and in total.
/// </summary>
public sealed class PurchaseDialogMemberPriceTests : DatabaseTestContext
{
    private TierScenario _ada = null!;
    private PurchaseMember _member = null!;
    private IRenderedComponent<MudPopoverProvider> _popovers = null!;
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;

    protected override async Task SeedAsync()
    {
        _ada = await TierScenario.SeedAsync(Services);
        await using (var db = await Services.GetRequiredService<IDbContextFactory<MemberCardsDb>>().CreateDbContextAsync())
        {
            _member = new PurchaseMember(_ada.MemberId, "Ada Lovelace", (await db.Members.SingleAsync(m => m.Id == _ada.MemberId)).CardNumber);
        }
        _popovers = Render<MudPopoverProvider>();
        _dialogs = Render<MudDialogProvider>();
    }

    private static string Date(DateOnly day) => day.ToString("d", CultureInfo.CurrentCulture);

    private Task<RecordedPurchase?> Open(string outlook)
    {
        Task<RecordedPurchase?> result = null!;
        _dialogs.InvokeAsync(() => { result = PurchaseDialog.ShowAsync(Services.GetRequiredService<IDialogService>(), _member); }).GetAwaiter().GetResult();
        // The outlook and the catalog load apart: type only once both are there.
        _dialogs.WaitForAssertion(() =>
        {
            Assert.Equal(outlook, _dialogs.Find("[aria-label='Tier outlook']").TextContent.Trim());
            Assert.Equal(2, _dialogs.FindComponent<PurchaseLines>().Instance.Catalog.Count);
        });
        return result;
    }

    private void Pick(string product) => ProductPicking.Pick(_dialogs, _popovers, product);

    private IElement Input(string label)
    {
        var id = _dialogs.FindAll("label").Single(l => l.TextContent.Trim() == label).GetAttribute("for");
        return _dialogs.Find($"#{id}");
    }

    private static string Text(IElement element) => System.Text.RegularExpressions.Regex.Replace(element.TextContent, @"\s+", " ").Trim();

    [Fact]
    public void A_member_below_gold_pays_list_and_is_told_what_reaches_the_next_tier()
    {
        Open("Bronze. Spend $1,000.00 more to reach Silver.");

        Pick("Latte");

        _dialogs.WaitForAssertion(() =>
        {
            Assert.Equal("$4.50", Text(_dialogs.Find("[aria-label='Amounts, line 1']")));
            Assert.Equal("Total $4.50", Text(_dialogs.Find("[role=status][aria-label=Total]")));
        });
        Assert.Empty(_dialogs.FindAll("[aria-label='Member discount']"));
    }

    [Fact]
    public async Task A_gold_member_sees_list_member_discount_and_net_per_line_and_in_total_and_the_details_show_them_once_saved()
    {
        await _ada.BuyGiftCardsAsync(9);
        var result = Open($"Gold until {Date(_ada.Today.AddMonths(12))}. Spend $3,000.00 more by then to keep Gold; $4,400.00 more to reach Platinum.");

        Pick("Latte");
        Pick("Latte");

        // 2 × $4.50 = $9.00 at 95%: $8.55, $0.45 off.
        _dialogs.WaitForAssertion(() =>
        {
            Assert.Equal("List $9.00 Member price −$0.45$8.55", Text(_dialogs.Find("[aria-label='Amounts, line 1']")));
            Assert.Equal("List $9.00, member discount −$0.45", Text(_dialogs.Find("[aria-label='Member discount']")));
            Assert.Equal("Total $8.55", Text(_dialogs.Find("[role=status][aria-label=Total]")));
        });
        await _dialogs.InvokeAsync(() => _dialogs.FindAll("button").Single(b => b.TextContent.Contains("Save purchase", StringComparison.Ordinal)).Click());
        var recorded = await result.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(855, recorded!.TotalMinor);

        await _dialogs.InvokeAsync(() => { _ = PurchaseDetailsDialog.ShowAsync(Services.GetRequiredService<IDialogService>(), recorded.PurchaseId); });
        _dialogs.WaitForAssertion(() =>
        {
            var rows = _dialogs.FindAll(".mud-dialog tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList()).ToList();
            Assert.Equal(["Latte", "Coffee", "2", "$4.50", "$9.00", "-$0.45", "$8.55"], rows[0]);
            Assert.Equal(["Total", "$9.00", "-$0.45", "$8.55"], rows[1]);
        });
    }
}
