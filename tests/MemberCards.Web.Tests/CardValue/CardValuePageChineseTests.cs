using MemberCards.Web.Components.Members;
using MudBlazor;

namespace MemberCards.Web.Tests.CardValue;

/// <summary>The card value panel and the ledger for a user who reads Chinese (the store's money still reads as the store's).</summary>
public sealed class CardValuePageChineseTests : DatabaseTestContext
{
    private CardValueScenario _ada = null!;

    protected override string Language => Web.Localization.Languages.Chinese;

    protected override async Task SeedAsync()
    {
        JSInterop.SetupModule("./Components/Charts/ApexChart.razor.js");
        _ada = await CardValueScenario.SeedAsync(Services);
        Render<MudPopoverProvider>();
    }

    [Fact]
    public void The_panel_and_the_ledger_speak_Chinese()
    {
        var page = Render<MemberPage>(p => p.Add(m => m.Id, _ada.MemberId));
        // The panel and the ledger load apart: wait for both.
        string Text() => System.Text.RegularExpressions.Regex.Replace(string.Concat(page.Nodes.Select(n => n.TextContent)), @"\s+", " ");
        page.WaitForAssertion(() =>
        {
            Assert.Equal(5, page.FindAll("[aria-label='会员卡流水'] tbody tr").Count);
            Assert.Contains("储值余额$580.00", Text(), StringComparison.Ordinal);
        });
        var rows = page.FindAll("[aria-label='会员卡流水'] tbody tr").Select(r => r.TextContent).ToList();
        var text = Text();

        Assert.Contains($"120 积分将于 {CardValueScenario.PointsLastDay(Services).ToString("d", System.Globalization.CultureInfo.GetCultureInfo("zh-CN"))} 过期", text, StringComparison.Ordinal);
        Assert.Contains("人工调整", rows[0], StringComparison.Ordinal);
        Assert.Contains("作废冲回", rows[1], StringComparison.Ordinal);
        Assert.Contains("冲正：充值", rows[1], StringComparison.Ordinal);
        Assert.Contains($"充值 {_ada.VoidedTopUp}已作废", rows[2], StringComparison.Ordinal);
        Assert.Contains("充值赠送", rows[3], StringComparison.Ordinal);
        Assert.Single(page.FindAll($"[aria-label='会员卡流水'] tbody tr button[aria-label='作废充值 {_ada.FirstTopUp}']"));
    }
}
