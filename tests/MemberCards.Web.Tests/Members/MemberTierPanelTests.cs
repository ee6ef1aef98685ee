using System.Globalization;
using AngleSharp.Dom;
using MemberCards.Accounts;
using MemberCards.Web.Components.Members;
using MudBlazor;

namespace MemberCards.Web.Tests.Members;

/// <summary>The member page's tier panel over <see cref="TierScenario"/>: the outlook, the history and a tier set by hand.</summary>
public sealed class MemberTierPanelTests : DatabaseTestContext
{
    private TierScenario _ada = null!;
    private IRenderedComponent<MudPopoverProvider> _popovers = null!;
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;

    protected override async Task SeedAsync()
    {
        JSInterop.SetupModule("./Components/Charts/ApexChart.razor.js");
        _ada = await TierScenario.SeedAsync(Services);
        _popovers = Render<MudPopoverProvider>();
        _dialogs = Render<MudDialogProvider>();
    }

    private static string Date(DateOnly day) => day.ToString("d", CultureInfo.CurrentCulture);

    private IRenderedComponent<MemberPage> RenderPage(string outlook, int historyRows)
    {
        var page = Render<MemberPage>(p => p.Add(m => m.Id, _ada.MemberId));
        // The outlook and the history load apart: wait for both before reading or acting on either.
        page.WaitForAssertion(() =>
        {
            Assert.Equal(outlook, Outlook(page));
            Assert.Equal(historyRows, History(page).Count(r => r.QuerySelector("td[colspan]") is null));
        });
        return page;
    }

    private static string Outlook(IRenderedComponent<MemberPage> page) => page.FindAll("[aria-label='Tier outlook']").SingleOrDefault()?.TextContent.Trim() ?? "";

    private static IReadOnlyList<IElement> History(IRenderedComponent<MemberPage> page) => page.FindAll("[aria-label='Tier history'] tbody tr");

    private static IElement Input(IRenderedComponent<MudDialogProvider> dialogs, string label)
    {
        var id = dialogs.FindAll("label").Single(l => l.TextContent.Trim() == label).GetAttribute("for");
        return dialogs.Find($"#{id}");
    }

    private static string FieldText(IRenderedComponent<MudDialogProvider> dialogs, string label) =>
        dialogs.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == label).TextContent;

    private void OpenSetTier(IRenderedComponent<MemberPage> page)
    {
        page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Set tier").Click()).GetAwaiter().GetResult();
        _dialogs.WaitForAssertion(() => Assert.Contains("Set the tier of Ada Lovelace", _dialogs.Markup, StringComparison.Ordinal));
    }

    private void Save() =>
        _dialogs.InvokeAsync(() => _dialogs.FindAll(".mud-dialog-actions button").Single(b => b.TextContent.Trim() == "Set tier").Click()).GetAwaiter().GetResult();

    [Fact]
    public void A_member_without_purchases_holds_the_entry_tier_with_no_end_and_is_told_what_reaches_the_next()
    {
        var page = RenderPage("Bronze. Spend $1,000.00 more to reach Silver.", 0);

        Assert.Contains("No tier changes yet.", page.Find("[aria-label='Tier history']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_an_upgrade_the_outlook_says_until_when_what_keeps_it_and_what_reaches_the_next_and_the_history_says_why()
    {
        var purchase = await _ada.BuyGiftCardsAsync(3);
        var keptUntil = _ada.Today.AddMonths(12);

        // Kept through the 12 months ending the kept-until date, which today's purchase is outside of.
        var page = RenderPage($"Silver until {Date(keptUntil)}. Spend $1,000.00 more by then to keep Silver; $1,800.00 more to reach Gold.", 1);

        var row = History(page)[0].QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["Upgraded", "Bronze → Silver", "$1,200.00", $"Purchase {purchase}"], row[1..]);
    }

    [Fact]
    public void Staff_see_the_outlook_but_cannot_set_a_tier()
    {
        Authorization.SetAuthorized("staff@test");
        Authorization.SetRoles(Roles.Staff);

        var page = RenderPage("Bronze. Spend $1,000.00 more to reach Silver.", 0);

        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Trim() == "Set tier");
    }

    [Fact]
    public void Setting_a_tier_without_reason_or_end_date_says_so_at_each_field_and_changes_nothing()
    {
        var page = RenderPage("Bronze. Spend $1,000.00 more to reach Silver.", 0);
        OpenSetTier(page);

        Save();

        _dialogs.WaitForAssertion(() =>
        {
            Assert.Contains("Give a reason", FieldText(_dialogs, "Reason"), StringComparison.Ordinal);
            Assert.Contains("Say until when the member keeps this tier.", FieldText(_dialogs, "Until"), StringComparison.Ordinal);
        });
        Assert.Equal("Bronze. Spend $1,000.00 more to reach Silver.", Outlook(page));
    }

    [Fact]
    public async Task An_end_date_in_the_past_is_refused_at_the_date()
    {
        var page = RenderPage("Bronze. Spend $1,000.00 more to reach Silver.", 0);
        OpenSetTier(page);
        await _dialogs.InvokeAsync(() => Input(_dialogs, "Reason").Input("Complaint handled"));
        await _dialogs.InvokeAsync(() => Input(_dialogs, "Until").Change(Date(_ada.Today.AddDays(-1))));

        Save();

        _dialogs.WaitForAssertion(() => Assert.Contains("The end date can't be in the past.", FieldText(_dialogs, "Until"), StringComparison.Ordinal));
        Assert.DoesNotContain("Give a reason", FieldText(_dialogs, "Reason"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manager_sets_gold_by_hand_and_the_page_says_until_when_with_the_reason_in_the_history()
    {
        var until = _ada.Today.AddMonths(3);
        var page = RenderPage("Bronze. Spend $1,000.00 more to reach Silver.", 0);
        OpenSetTier(page);
        await _dialogs.InvokeAsync(() => _dialogs.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == "Tier").MouseDown());
        _popovers.WaitForAssertion(() => _popovers.FindAll(".mud-popover-open .mud-list-item").Single(i => i.TextContent.Trim() == "Gold").Click());
        await _dialogs.InvokeAsync(() => Input(_dialogs, "Reason").Input("Complaint handled"));
        await _dialogs.InvokeAsync(() => Input(_dialogs, "Until").Change(Date(until)));

        Save();

        page.WaitForAssertion(() =>
        {
            Assert.Equal($"Gold, set by hand until {Date(until)}. Spend $3,000.00 more by then to keep Gold; $8,000.00 more to reach Platinum.", Outlook(page));
            var row = History(page).Single().QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
            Assert.Equal(["Set by a manager", "Bronze → Gold", "$0.00", "Complaint handled"], row[1..]);
        });
        Assert.Empty(_dialogs.FindAll(".mud-dialog"));
    }
}
