using AngleSharp.Dom;
using MemberCards.Accounts;
using MemberCards.CardValue;
using MemberCards.Data;
using MemberCards.Members;
using MemberCards.Products;
using MemberCards.Purchases;
using MemberCards.Web.Components.Merging;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MemberCards.Web.Tests.Merging;

/// <summary>
/// The duplicates page over a real database: two cards of one Ada Lovelace (one digit apart in the phone), the first
/// with two purchases, the second with one; a manager merges them from the page and undoes it from the merges list.
/// </summary>
public sealed class DuplicatesPageTests : DatabaseTestContext
{
    private int _first;
    private int _second;

    protected override async Task SeedAsync()
    {
        var members = Services.GetRequiredService<MemberService>();
        _first = (await members.CreateAsync(new NewMember("Ada Lovelace", null, "555 123 4567"), Access.System, CancellationToken.None)).Value!.MemberId;
        _second = (await members.CreateAsync(new NewMember("Ada Lovelace", null, "555 123 4577"), Access.System, CancellationToken.None)).Value!.MemberId;
        var latte = (await Services.GetRequiredService<ProductService>().AddAsync(new ProductInput("Latte", "Coffee", 450), Access.System, CancellationToken.None)).Value;
        foreach (var member in new[] { _first, _first, _second })
        {
            Assert.True((await Services.GetRequiredService<PurchaseService>().RecordAsync(new NewPurchase(member, [new NewPurchaseLine(latte, 1)]), Access.System, CancellationToken.None)).Succeeded);
        }
    }

    private (IRenderedComponent<DuplicatesPage> Page, IRenderedComponent<MudDialogProvider> Dialogs) Open()
    {
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var page = Render<DuplicatesPage>();
        page.WaitForAssertion(() => Assert.Contains("Same name, similar phone", page.Markup, StringComparison.Ordinal));
        return (page, dialogs);
    }

    private static IElement Button<T>(IRenderedComponent<T> rendered, string text) where T : IComponent =>
        rendered.FindAll("button").Single(b => b.TextContent.Trim() == text);

    private async Task<int?> MergedIntoAsync(int memberId)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<MemberCardsDb>>().CreateDbContextAsync();
        return await db.Members.Where(m => m.Id == memberId).Select(m => m.MergedIntoId).SingleAsync();
    }

    private async Task<string> CardOfAsync(int memberId)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<MemberCardsDb>>().CreateDbContextAsync();
        return CardNumber.Format(await db.Members.Where(m => m.Id == memberId).Select(m => m.CardNumber).SingleAsync());
    }

    [Fact]
    public async Task A_manager_merges_a_listed_pair_keeping_the_member_with_more_purchases_and_the_merge_is_listed()
    {
        var (page, dialogs) = Open();

        await page.InvokeAsync(() => Button(page, "Merge…").Click());

        dialogs.WaitForAssertion(() => Assert.Equal(2, dialogs.FindAll("input[type=radio]").Count));
        var sides = dialogs.Find("[aria-label='The two members side by side']").TextContent;
        Assert.Contains(await CardOfAsync(_first), sides, StringComparison.Ordinal);
        Assert.Contains(await CardOfAsync(_second), sides, StringComparison.Ordinal);
        Assert.Contains("Purchases21", sides.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var headers = dialogs.FindAll("thead th").Skip(1).Select(h => h.TextContent).ToList();
        Assert.Contains("Kept", headers[0], StringComparison.Ordinal);
        Assert.Contains("Merged into the kept one", headers[1], StringComparison.Ordinal);

        await dialogs.InvokeAsync(() => Button(dialogs, "Merge").Click());

        page.WaitForAssertion(() => Assert.Contains("No likely duplicates", page.Markup, StringComparison.Ordinal));
        Assert.Equal(_first, await MergedIntoAsync(_second));
        page.WaitForAssertion(() => Assert.Contains("Unmerge", page.Find("[aria-label='Merges']").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Choosing_the_other_member_keeps_that_one()
    {
        var (page, dialogs) = Open();
        await page.InvokeAsync(() => Button(page, "Merge…").Click());
        dialogs.WaitForAssertion(() => Assert.Equal(2, dialogs.FindAll("input[type=radio]").Count));

        await dialogs.InvokeAsync(() => dialogs.FindAll("input[type=radio]")[1].Click());
        await dialogs.InvokeAsync(() => Button(dialogs, "Merge").Click());

        page.WaitForAssertion(() => Assert.Contains("No likely duplicates", page.Markup, StringComparison.Ordinal));
        Assert.Equal(_second, await MergedIntoAsync(_first));
    }

    [Fact]
    public async Task A_refused_merge_says_why_in_the_dialog_and_merges_nothing()
    {
        var topUps = Services.GetRequiredService<TopUpService>();
        foreach (var member in new[] { _first, _second })
        {
            Assert.True((await topUps.RecordAsync(new NewTopUp(member, 300_000, PaymentMethod.Cash), Access.System, CancellationToken.None)).Succeeded);
        }
        var (page, dialogs) = Open();
        await page.InvokeAsync(() => Button(page, "Merge…").Click());
        dialogs.WaitForAssertion(() => Assert.Equal(2, dialogs.FindAll("input[type=radio]").Count));

        await dialogs.InvokeAsync(() => Button(dialogs, "Merge").Click());

        dialogs.WaitForAssertion(() => Assert.Contains("A card may hold at most $5,000.00 and these two hold $6,000.00 together",
            dialogs.Find("[role=alert]").TextContent, StringComparison.Ordinal));
        Assert.Null(await MergedIntoAsync(_second));
    }

    [Fact]
    public async Task Unmerge_in_the_merges_list_brings_both_members_back()
    {
        Assert.True((await Services.GetRequiredService<MemberCards.Merging.MergeService>().MergeAsync(_first, _second, Access.System, CancellationToken.None)).Succeeded);
        var page = OpenWithMerge();

        await page.InvokeAsync(() => Button(page, "Unmerge").Click());

        page.WaitForAssertion(() => Assert.Contains("Undone", page.Find("[aria-label='Merges']").TextContent, StringComparison.Ordinal));
        Assert.Null(await MergedIntoAsync(_second));
    }

    [Fact]
    public async Task A_refused_unmerge_says_why_in_its_row()
    {
        Assert.True((await Services.GetRequiredService<MemberCards.Merging.MergeService>().MergeAsync(_first, _second, Access.System, CancellationToken.None)).Succeeded);
        var newcomer = (await Services.GetRequiredService<MemberService>().CreateAsync(new NewMember("Grace Hopper", null, "555 123 4577"), Access.System, CancellationToken.None)).Value!.MemberId;
        var card = await CardOfAsync(newcomer);
        var page = OpenWithMerge();

        await page.InvokeAsync(() => Button(page, "Unmerge").Click());

        page.WaitForAssertion(() => Assert.Equal($"The merged member's Phone now belongs to card {card}: change it there first.",
            page.Find("[aria-label='Merges'] [role=alert]").TextContent));
        Assert.Equal(_first, await MergedIntoAsync(_second));
    }

    private IRenderedComponent<DuplicatesPage> OpenWithMerge()
    {
        Render<MudPopoverProvider>();
        Render<MudDialogProvider>();
        var page = Render<DuplicatesPage>();
        page.WaitForAssertion(() => Assert.Contains("Unmerge", page.Markup, StringComparison.Ordinal));
        return page;
    }
}
