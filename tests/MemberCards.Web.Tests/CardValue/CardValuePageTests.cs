using AngleSharp.Dom;
using MemberCards.Accounts;
using MemberCards.CardValue;
using MemberCards.Data;
using MemberCards.Members;
using MemberCards.Web.Components.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MemberCards.Web.Tests.CardValue;

/// <summary>The member page's card value panel, ledger and the manager's actions, over <see cref="CardValueScenario"/>.</summary>
public sealed class CardValuePageTests : DatabaseTestContext
{
    private CardValueScenario _ada = null!;
    private IRenderedComponent<MudPopoverProvider> _popovers = null!;
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;

    protected override async Task SeedAsync()
    {
        JSInterop.SetupModule("./Components/Charts/ApexChart.razor.js");
        _ada = await CardValueScenario.SeedAsync(Services);
        _popovers = Render<MudPopoverProvider>();
        _dialogs = Render<MudDialogProvider>();
    }

    private IRenderedComponent<MemberPage> RenderPage(int rows = 5)
    {
        var page = Render<MemberPage>(p => p.Add(m => m.Id, _ada.MemberId));
        // The panel and the ledger load apart: wait for both before acting on either.
        page.WaitForAssertion(() =>
        {
            Assert.Equal(rows, LedgerRows(page).Count);
            Assert.Contains("Stored value", Panel(page), StringComparison.Ordinal);
        });
        return page;
    }

    private static IReadOnlyList<IElement> LedgerRows(IRenderedComponent<MemberPage> page) => page.FindAll("[aria-label='Card ledger'] tbody tr");

    // The panel's text with the markup's line breaks and indentation read as one space.
    private static string Panel(IRenderedComponent<MemberPage> page) => System.Text.RegularExpressions.Regex.Replace(
        page.FindAll(".mud-paper").First(p => p.QuerySelector("h6")?.TextContent == "Card value").TextContent, @"\s+", " ");

    private static IElement Button(IRenderedComponent<MudDialogProvider> dialogs, string text) =>
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == text);

    private static IElement Input(IRenderedComponent<MudDialogProvider> dialogs, string label)
    {
        var id = dialogs.FindAll("label").Single(l => l.TextContent.Trim() == label).GetAttribute("for");
        return dialogs.Find($"#{id}");
    }

    private static string FieldText(IRenderedComponent<MudDialogProvider> dialogs, string label) =>
        dialogs.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == label).TextContent;

    private void Menu(IRenderedComponent<MemberPage> page, string item)
    {
        page.InvokeAsync(() => page.Find("button[aria-label='Card actions for Ada Lovelace']").Click()).GetAwaiter().GetResult();
        _popovers.WaitForAssertion(() => _popovers.FindAll(".mud-popover-open .mud-menu-item").Single(i => i.TextContent.Trim() == item).Click());
    }

    private async Task<Member> StoredAdaAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<MemberCardsDb>>().CreateDbContextAsync();
        return await db.Members.AsNoTracking().SingleAsync(m => m.Id == _ada.MemberId);
    }

    [Fact]
    public void The_panel_shows_principal_and_bonus_apart_with_their_total_and_the_points_expiring_soonest()
    {
        var panel = Panel(RenderPage());

        Assert.Contains("Stored value$580.00", panel, StringComparison.Ordinal);
        Assert.Contains("Principal$500.00", panel, StringComparison.Ordinal);
        Assert.Contains("Bonus$80.00", panel, StringComparison.Ordinal);
        Assert.Contains("Points 120", panel, StringComparison.Ordinal);
        Assert.Contains($"120 points expire {CardValueScenario.PointsLastDay(Services):d}", panel, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_ledger_row_says_what_moved_the_balances_after_who_why_and_what_it_belongs_to()
    {
        var rows = LedgerRows(RenderPage()).Select(r => r.TextContent).ToList();

        Assert.Contains("Adjustment", rows[0], StringComparison.Ordinal);
        Assert.Contains("+120", rows[0], StringComparison.Ordinal);
        Assert.Contains("Birthday gift", rows[0], StringComparison.Ordinal);
        Assert.Contains("demo-data", rows[0], StringComparison.Ordinal);
        Assert.Contains("reverses: Top-up", rows[1], StringComparison.Ordinal);
        Assert.Contains("-$100.00", rows[1], StringComparison.Ordinal);
        Assert.Contains("Wrong card", rows[1], StringComparison.Ordinal);
        Assert.Contains($"Top-up {_ada.VoidedTopUp}Voided", rows[2], StringComparison.Ordinal);
        Assert.Contains("Top-up bonus", rows[3], StringComparison.Ordinal);
        Assert.Contains("+$80.00", rows[3], StringComparison.Ordinal);
        Assert.Contains("$580.00", rows[3], StringComparison.Ordinal);
        Assert.Contains("+$500.00", rows[4], StringComparison.Ordinal);
        Assert.Contains($"Top-up {_ada.FirstTopUp}", rows[4], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ledger_pager_says_which_entries_it_shows_out_of_how_many_like_the_other_grids()
    {
        var topUps = Services.GetRequiredService<TopUpService>();
        // ¥1 each, under the 充500送80 rule's threshold: one entry per top-up, 5 + 48 entries in all.
        for (var i = 0; i < 48; i++)
        {
            Assert.True((await topUps.RecordAsync(new NewTopUp(_ada.MemberId, 100, PaymentMethod.Cash), Access.System, CancellationToken.None)).Succeeded);
        }

        var page = RenderPage(rows: CardValueService.LedgerPageSize);
        page.WaitForAssertion(() => Assert.Contains("1-50 of 53", page.Find("[aria-label='Card ledger']").TextContent, StringComparison.Ordinal));
        await page.InvokeAsync(() => page.Find("[aria-label='Card ledger'] button[aria-label='Next page']").Click());

        page.WaitForAssertion(() =>
        {
            Assert.Equal(3, LedgerRows(page).Count);
            Assert.Contains("51-53 of 53", page.Find("[aria-label='Card ledger']").TextContent, StringComparison.Ordinal);
        });
        Assert.Contains("+$500.00", LedgerRows(page)[^1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Staff_can_top_up_but_sees_no_adjustment_and_no_void()
    {
        Authorization.SetAuthorized("staff@test");
        Authorization.SetRoles(Roles.Staff);

        var page = RenderPage();

        Assert.Single(page.FindAll("button"), b => b.TextContent.Trim() == "Top up");
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Trim() == "Adjust");
        Assert.Empty(page.FindAll($"button[aria-label='Void top-up {_ada.FirstTopUp}']"));
    }

    [Fact]
    public async Task Points_owed_show_as_owed_in_the_warning_colour()
    {
        await using (var db = await Services.GetRequiredService<IDbContextFactory<MemberCardsDb>>().CreateDbContextAsync())
        {
            // What a void leaves when the points it takes back were spent already.
            await db.Members.Where(m => m.Id == _ada.MemberId).ExecuteUpdateAsync(s => s.SetProperty(m => m.Points, -30));
        }

        var page = RenderPage();

        var owed = page.FindAll(".mud-warning-text").Single(e => e.TextContent.Contains("owed", StringComparison.Ordinal));
        Assert.Equal("30 owed", owed.TextContent.Trim());
    }

    [Fact]
    public async Task A_manager_voids_a_top_up_from_its_row_and_the_balances_follow()
    {
        var page = RenderPage();

        await page.InvokeAsync(() => page.Find($"button[aria-label='Void top-up {_ada.FirstTopUp}']").Click());
        _dialogs.WaitForAssertion(() => Input(_dialogs, "Reason").Input("Paid twice"));
        await _dialogs.InvokeAsync(() => Button(_dialogs, "Void top-up").Click());

        page.WaitForAssertion(() =>
        {
            Assert.Equal(7, LedgerRows(page).Count);
            Assert.Contains("Stored value$0.00", Panel(page), StringComparison.Ordinal);
        });
        Assert.Contains("Paid twice", LedgerRows(page)[0].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Voiding_a_top_up_partly_spent_is_refused_in_the_dialog_with_what_the_card_holds()
    {
        Assert.True((await Services.GetRequiredService<CardValueService>().AdjustAsync(new CardAdjustment(_ada.MemberId, -10_000, 0, 0, "Paid out by hand"), Access.System, CancellationToken.None)).Succeeded);
        var page = RenderPage(rows: 6);

        await page.InvokeAsync(() => page.Find($"button[aria-label='Void top-up {_ada.FirstTopUp}']").Click());
        _dialogs.WaitForAssertion(() => Input(_dialogs, "Reason").Input("Paid twice"));
        await _dialogs.InvokeAsync(() => Button(_dialogs, "Void top-up").Click());

        _dialogs.WaitForAssertion(() => Assert.Contains("Part of this top-up was spent (the card holds $400.00 principal and $80.00 bonus): it can no longer be voided.",
            _dialogs.Find(".mud-alert").TextContent, StringComparison.Ordinal));
        Assert.Equal(40_000, (await StoredAdaAsync()).PrincipalMinor);
    }

    [Fact]
    public async Task An_adjustment_is_refused_at_its_fields_without_a_reason_over_the_daily_limit_or_below_zero_then_saved()
    {
        var page = RenderPage();
        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Adjust").Click());
        _dialogs.WaitForAssertion(() => Assert.Contains("The card holds $500.00 principal, $80.00 bonus and 120 points.", _dialogs.Markup, StringComparison.Ordinal));

        await _dialogs.InvokeAsync(() => Input(_dialogs, "Principal change").Input("20"));
        await _dialogs.InvokeAsync(() => Button(_dialogs, "Save adjustment").Click());
        _dialogs.WaitForAssertion(() => Assert.Contains("Give a reason", FieldText(_dialogs, "Reason"), StringComparison.Ordinal));

        await _dialogs.InvokeAsync(() => Input(_dialogs, "Reason").Input("Till counted wrong"));
        await _dialogs.InvokeAsync(() => Input(_dialogs, "Principal change").Input("1500"));
        await _dialogs.InvokeAsync(() => Input(_dialogs, "Bonus change").Input("-100"));
        await _dialogs.InvokeAsync(() => Button(_dialogs, "Save adjustment").Click());
        _dialogs.WaitForAssertion(() =>
        {
            Assert.Contains("You may adjust up to $1,000.00 a day; $1,000.00 is left today.", FieldText(_dialogs, "Principal change"), StringComparison.Ordinal);
            Assert.Contains("Only $80.00 is there to take away.", FieldText(_dialogs, "Bonus change"), StringComparison.Ordinal);
        });
        Assert.Equal((50_000L, 8_000L), ((await StoredAdaAsync()).PrincipalMinor, (await StoredAdaAsync()).BonusMinor));

        await _dialogs.InvokeAsync(() => Input(_dialogs, "Principal change").Input("20"));
        await _dialogs.InvokeAsync(() => Input(_dialogs, "Bonus change").Input("-80"));
        await _dialogs.InvokeAsync(() => Button(_dialogs, "Save adjustment").Click());

        page.WaitForAssertion(() =>
        {
            Assert.Contains("Stored value$520.00", Panel(page), StringComparison.Ordinal);
            Assert.Contains("Till counted wrong", LedgerRows(page)[0].TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Closing_a_card_with_value_shows_what_is_paid_back_and_forfeited_and_closes_with_the_cash_out()
    {
        var page = RenderPage();

        Menu(page, "Close membership…");

        _dialogs.WaitForAssertion(() =>
        {
            var figures = _dialogs.Find("[aria-label='Cash-out figures']").TextContent;
            Assert.Contains("Principal paid back$500.00", figures, StringComparison.Ordinal);
            Assert.Contains("Bonus forfeited$80.00", figures, StringComparison.Ordinal);
            Assert.Contains("Points forfeited120", figures, StringComparison.Ordinal);
        });
        await _dialogs.InvokeAsync(() => Button(_dialogs, "Pay back $500.00 and close").Click());

        page.WaitForAssertion(() =>
        {
            Assert.Contains("Stored value$0.00", Panel(page), StringComparison.Ordinal);
            Assert.Contains("Cash-out on closing", LedgerRows(page)[0].TextContent, StringComparison.Ordinal);
        });
        var ada = await StoredAdaAsync();
        Assert.Equal((MemberStatus.Closed, 0L, 0L, 0L), (ada.Status, ada.PrincipalMinor, ada.BonusMinor, ada.Points));
    }

    [Fact]
    public async Task A_card_that_changed_while_the_cash_out_was_open_shows_the_new_figures_to_confirm_again()
    {
        var page = RenderPage();
        Menu(page, "Close membership…");
        _dialogs.WaitForAssertion(() => Button(_dialogs, "Pay back $500.00 and close"));

        Assert.True((await Services.GetRequiredService<TopUpService>().RecordAsync(new NewTopUp(_ada.MemberId, 10_000, PaymentMethod.Cash), Access.System, CancellationToken.None)).Succeeded);
        await _dialogs.InvokeAsync(() => Button(_dialogs, "Pay back $500.00 and close").Click());

        _dialogs.WaitForAssertion(() => Assert.Contains("The card changed meanwhile: it now holds $600.00 principal, $80.00 bonus and 120 points.",
            _dialogs.Find(".mud-alert").TextContent, StringComparison.Ordinal));
        Assert.Equal(MemberStatus.Active, (await StoredAdaAsync()).Status);

        await _dialogs.InvokeAsync(() => Button(_dialogs, "Pay back $600.00 and close").Click());

        page.WaitForAssertion(() => Assert.Contains("Stored value$0.00", Panel(page), StringComparison.Ordinal));
        Assert.Equal(MemberStatus.Closed, (await StoredAdaAsync()).Status);
    }

    [Fact]
    public async Task A_manager_reopens_a_closed_card()
    {
        var value = await Services.GetRequiredService<CardValueService>().ValueAsync(_ada.MemberId, Access.System, CancellationToken.None);
        Assert.True((await Services.GetRequiredService<CardValueService>().CloseWithCashOutAsync(_ada.MemberId, value!.Balances, Access.System, CancellationToken.None)).Succeeded);
        var page = RenderPage(rows: 7);

        Menu(page, "Reopen card…");
        _dialogs.WaitForAssertion(() => Button(_dialogs, "Reopen card").Click());

        await page.PollForAssertionAsync(() => Assert.Single(page.FindAll("button"), b => b.TextContent.Trim() == "Top up" && !b.HasAttribute("disabled")));
        Assert.Equal(MemberStatus.Active, (await StoredAdaAsync()).Status);
    }
}
