using Bunit;
using MemberCards.Accounts;
using MemberCards.Data;
using MemberCards.Members;
using MemberCards.Web.Components.Members;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberCards.Web.Tests.Members;

public sealed class MembersPageTests : DatabaseTestContext
{
    private int _ada;

    protected override async Task SeedAsync()
    {
        var members = Services.GetRequiredService<MemberService>();
        _ada = (await members.CreateAsync(new NewMember("Ada Lovelace", "ada@example.com", "555 123 4567"), Access.System, CancellationToken.None)).Value!.MemberId;
        await members.CreateAsync(new NewMember("Grace Hopper", "grace@example.com", "555 987 6543"), Access.System, CancellationToken.None);
        Render<MudBlazor.MudPopoverProvider>();
    }


    private async Task<Member> StoredAdaAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<MemberCardsDb>>().CreateDbContextAsync();
        return await db.Members.AsNoTracking().SingleAsync(m => m.Id == _ada);
    }

    private IRenderedComponent<MembersPage> RenderGrid()
    {
        var page = Render<MembersPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tbody tr").Count));
        return page;
    }

    /// <summary>Ada's row in edit mode: the grid may still be rendering its rows again, so click, then wait for the fields.</summary>
    private static void EditAda(IRenderedComponent<MembersPage> page)
    {
        page.InvokeAsync(() => page.Find("button[aria-label='Edit Ada Lovelace']").Click()).GetAwaiter().GetResult();
        page.WaitForAssertion(() => Assert.NotNull(Field(page, "Email")));
    }

    private static AngleSharp.Dom.IElement Field(IRenderedComponent<MembersPage> page, string label) =>
        page.FindAll("tbody tr .mud-input-control").Single(c => c.QuerySelector("label")?.TextContent == label).QuerySelector("input")!;

    [Fact]
    public async Task A_row_enters_edit_mode_refuses_a_bad_email_at_the_field_and_saves_a_good_one_on_enter()
    {
        var page = RenderGrid();
        EditAda(page);

        await page.InputAsync(() => Field(page, "Email"), "ada@");
        await page.KeyDownAsync(() => Field(page, "Email"), "Enter");

        page.WaitForAssertion(() => Assert.Contains("Enter an email like name@example.com.", page.Find("tbody tr").TextContent, StringComparison.Ordinal));
        Assert.Equal("ada@example.com", (await StoredAdaAsync()).Email);

        await page.InputAsync(() => Field(page, "Email"), "ada.king@example.com");
        await page.KeyDownAsync(() => Field(page, "Email"), "Enter");

        page.WaitForAssertion(() => Assert.Contains("ada.king@example.com", page.Find("tbody tr").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("tbody tr input"));
        Assert.Equal("ada.king@example.com", (await StoredAdaAsync()).Email);
    }

    [Fact]
    public async Task Escape_cancels_the_edit_and_keeps_the_stored_values()
    {
        var page = RenderGrid();
        EditAda(page);

        await page.InputAsync(() => Field(page, "Name"), "Someone Else");
        await page.KeyDownAsync(() => Field(page, "Name"), "Escape");

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("tbody tr input")));
        Assert.Contains("Ada Lovelace", page.Find("tbody tr").TextContent, StringComparison.Ordinal);
        Assert.Equal("Ada Lovelace", (await StoredAdaAsync()).Name);
    }

    [Fact]
    public async Task A_save_after_someone_elses_change_shows_their_change_and_reload_brings_it_in()
    {
        var page = RenderGrid();
        EditAda(page);
        var theirs = Assert.Single((await Services.GetRequiredService<MemberSearch>().ListAsync(new MemberListQuery("Ada"), Access.System, default)).Rows);
        await Services.GetRequiredService<MemberService>().UpdateAsync(
            new MemberEdit(theirs, theirs.Name, "ada.new@example.com", theirs.Phone, theirs.MarketingOptIn, theirs.Notes), Access.System, default);

        await page.InputAsync(() => Field(page, "Name"), "Ada Byron");
        await page.KeyDownAsync(() => Field(page, "Name"), "Enter");

        page.WaitForAssertion(() => Assert.Contains("Email is now \"ada.new@example.com\"", page.Find(".mud-alert").TextContent, StringComparison.Ordinal));
        Assert.Equal("Ada Lovelace", (await StoredAdaAsync()).Name);
        await page.ClickAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Reload"));
        page.WaitForAssertion(() => Assert.Contains("ada.new@example.com", page.Find("tbody tr").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll(".mud-alert"));
    }

    [Fact]
    public async Task Markup_typed_into_a_name_is_shown_as_text()
    {
        var page = RenderGrid();
        EditAda(page);

        await page.InputAsync(() => Field(page, "Name"), "<img src=x onerror=alert(1)>");
        await page.KeyDownAsync(() => Field(page, "Name"), "Enter");

        page.WaitForAssertion(() => Assert.Contains("<img src=x onerror=alert(1)>", page.Find("tbody tr").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("tbody img"));
    }

    [Fact]
    public void The_search_and_sort_come_from_the_address_and_go_back_into_it()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("members?q=hopper&sort=Name&desc=true");

        var page = Render<MembersPage>();

        page.WaitForAssertion(() => Assert.Contains("Grace Hopper", Assert.Single(page.FindAll("tbody tr")).TextContent, StringComparison.Ordinal));
        Assert.Equal("hopper", page.Find("input").GetAttribute("value"));
        var uri = Services.GetRequiredService<NavigationManager>().Uri;
        Assert.Contains("q=hopper", uri, StringComparison.Ordinal);
        Assert.Contains("sort=Name", uri, StringComparison.Ordinal);
    }
}
