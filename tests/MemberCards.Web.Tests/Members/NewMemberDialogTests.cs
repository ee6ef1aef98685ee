using Bunit;
using MemberCards.Accounts;
using MemberCards.Data;
using MemberCards.Members;
using MemberCards.Web.Components.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MemberCards.Web.Tests.Members;

public sealed class NewMemberDialogTests : DatabaseTestContext
{
    private int _ada;

    protected override async Task SeedAsync()
    {
        _ada = (await Services.GetRequiredService<MemberService>().CreateAsync(new NewMember("Ada Lovelace", "ada@example.com", "555 123 4567"), Access.System, default)).Value!.MemberId;
    }


    private async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog)> OpenAsync()
    {
        Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        var dialog = await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<NewMemberDialog>("New member"));
        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll("input")));
        return (provider, dialog);
    }

    private static AngleSharp.Dom.IElement Field(IRenderedComponent<MudDialogProvider> provider, string label) =>
        provider.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.TrimEnd('*') == label).QuerySelector("input, textarea")!;

    [Fact]
    public async Task A_phone_that_belongs_to_a_member_is_called_out_with_a_link_to_them()
    {
        var (provider, _) = await OpenAsync();

        await provider.InputAsync(() => Field(provider, "Phone"), "(555) 123-4567");
        await provider.BlurAsync(() => Field(provider, "Phone"));

        provider.WaitForAssertion(() =>
        {
            var link = provider.Find(".mud-alert a");
            Assert.Contains("Ada Lovelace", link.TextContent, StringComparison.Ordinal);
            Assert.Equal($"members/{_ada}", link.GetAttribute("href"));
        });
    }

    [Fact]
    public async Task Saving_without_a_name_says_so_at_the_field_and_adds_nobody()
    {
        var (provider, _) = await OpenAsync();

        await provider.ClickAsync(() => provider.FindAll("button").Single(b => b.TextContent.Trim() == "Issue card"));

        provider.WaitForAssertion(() => Assert.Contains("Name is required.", provider.Markup, StringComparison.Ordinal));
        await using var db = await Services.GetRequiredService<IDbContextFactory<MemberCardsDb>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Members.CountAsync());
    }

    [Fact]
    public async Task A_valid_member_gets_a_card_and_the_dialog_returns_it()
    {
        var (provider, dialog) = await OpenAsync();

        await provider.InputAsync(() => Field(provider, "Name"), "Grace Hopper");
        await provider.InputAsync(() => Field(provider, "Email"), "grace@example.com");
        await provider.ClickAsync(() => provider.FindAll("button").Single(b => b.TextContent.Trim() == "Issue card"));

        var result = await dialog.Result;
        var card = Assert.IsType<IssuedCard>(result!.Data);
        Assert.True(CardNumber.IsValid(card.CardNumber));
    }
}
