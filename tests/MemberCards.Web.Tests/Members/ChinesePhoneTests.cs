using Bunit;
using MemberCards.Accounts;
using MemberCards.Members;
using MemberCards.Purchases;
using MemberCards.Web.Components.Members;
using MemberCards.Web.Components.Purchases;
using Microsoft.Extensions.DependencyInjection;

namespace MemberCards.Web.Tests.Members;

/// <summary>A Chinese shop (region CN) shows mobile numbers 3-4-4, as they are printed in China, wherever a phone is shown.</summary>
public sealed class ChinesePhoneTests : DatabaseTestContext
{
    private int _zhang;

    protected override MemberCardsOptions Store => new() { Region = MemberCardsOptions.China };

    protected override string Language => MemberCards.Web.Localization.Languages.Chinese;

    protected override async Task SeedAsync()
    {
        _zhang = (await Services.GetRequiredService<MemberService>().CreateAsync(new NewMember("张三", null, "13812345678"), Access.System, CancellationToken.None)).Value!.MemberId;
        Render<MudBlazor.MudPopoverProvider>();
    }

    [Fact]
    public void The_members_grid_shows_a_mobile_3_4_4()
    {
        var page = Render<MembersPage>();

        page.WaitForAssertion(() => Assert.Contains("138 1234 5678", page.Find("tbody tr").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void The_member_page_shows_a_mobile_3_4_4()
    {
        var page = Render<MemberPage>(p => p.Add(m => m.Id, _zhang));

        page.WaitForAssertion(() => Assert.Contains("138 1234 5678", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_purchase_dialogs_member_finder_shows_a_mobile_3_4_4_beside_a_member_found_by_pinyin_initials()
    {
        var finder = Render<MemberFinder>(p => p.Add(f => f.OnPicked, (PurchaseMember _) => { }));

        await finder.InputAsync(() => finder.Find("input"), "zs");

        finder.WaitForAssertion(() => Assert.Contains("138 1234 5678", finder.Find(".mud-list").TextContent, StringComparison.Ordinal));
        Assert.Contains("张三", finder.Markup, StringComparison.Ordinal);
    }
}
