using MemberCards.Accounts;
using MemberCards.Tiers;
using MemberCards.Web.Components.Tiers;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static MemberCards.Web.Tests.Tiers.TiersPageActions;

namespace MemberCards.Web.Tests.Tiers;

/// <summary>The tiers page in a Chinese shop read in Chinese: member prices are entered and shown as 折.</summary>
public sealed class ChineseTiersPageTests : DatabaseTestContext
{
    protected override MemberCardsOptions Store => new() { Region = MemberCardsOptions.China };

    protected override string Language => Web.Localization.Languages.Chinese;

    private TierService Tiers => Services.GetRequiredService<TierService>();

    protected override async Task SeedAsync()
    {
        var loaded = await Tiers.ListAsync(CancellationToken.None);
        var table = loaded.Select(TierInput.From).Select((t, i) => i == 2 ? t with { PriceRate = 9_500 } : t).ToList();
        Assert.True((await Tiers.SaveAsync(table, [.. loaded.Select(t => (t.Id, t.Version))], Access.System, CancellationToken.None)).Succeeded);
        Render<MudPopoverProvider>();
    }

    private IRenderedComponent<TiersPage> Open()
    {
        var page = Render<TiersPage>();
        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[role=group]").Count));
        return page;
    }

    [Fact]
    public void A_preset_tier_shows_its_Chinese_name_and_its_member_price_as_9_5_zhe()
    {
        var page = Open();

        Assert.StartsWith("3. 金卡", Row(page, 3).GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.Contains("9.5折，积分 ×1", Row(page, 3).TextContent, StringComparison.Ordinal);
        Assert.Equal("9.5", Control(page, 3, "会员价").QuerySelector("input")!.GetAttribute("value"));
        Assert.Contains("折", Control(page, 3, "会员价").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ninety_five_typed_as_zhe_is_refused_with_what_was_meant_and_nothing_is_saved()
    {
        var page = Open();

        await Type(page, 3, "会员价", "95");
        await Click(page, "保存等级");

        page.WaitForAssertion(() => Assert.Contains("95折不是折扣：折数最大为 10。您是想填 9.5折吗？", Control(page, 3, "会员价").TextContent, StringComparison.Ordinal));
        var gold = (await Tiers.ListAsync(CancellationToken.None))[2];
        Assert.Equal((9_500, 1), (gold.PriceRate, gold.Version));
    }

    [Fact]
    public async Task Eight_and_a_half_zhe_is_saved_as_rate_8500()
    {
        var page = Open();

        await Type(page, 4, "会员价", "8.5");
        await Click(page, "保存等级");

        page.WaitForAssertion(() => Assert.Contains("等级已保存。会员在下次消费、充值或核定时按新规则调整。", Said(Services)));
        Assert.Equal(8_500, (await Tiers.ListAsync(CancellationToken.None))[3].PriceRate);
    }
}
