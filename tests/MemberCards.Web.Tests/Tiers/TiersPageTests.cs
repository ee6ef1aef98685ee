using MemberCards.Accounts;
using MemberCards.Tiers;
using MemberCards.Web.Components.Tiers;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static MemberCards.Web.Tests.Tiers.TiersPageActions;

namespace MemberCards.Web.Tests.Tiers;

/// <summary>The tiers page over a real database and the hand-built <see cref="TierHistory"/>, read in English (dollars).</summary>
public sealed class TiersPageTests : DatabaseTestContext
{
    protected override async Task SeedAsync()
    {
        await TierHistory.SeedAsync(Services);
        Render<MudPopoverProvider>();
    }

    private const string Saved = "Tiers saved. Members move when they next buy, top up or are checked.";

    private TierService Tiers => Services.GetRequiredService<TierService>();

    private IRenderedComponent<TiersPage> Open()
    {
        var page = Render<TiersPage>();
        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[role=group]").Count));
        return page;
    }

    [Fact]
    public async Task A_threshold_that_does_not_rise_is_refused_at_its_field_alone_and_nothing_is_saved()
    {
        var page = Open();

        await Type(page, 3, "Threshold", "500");
        await Click(page, "Save tiers");

        page.WaitForAssertion(() => Assert.Contains("Make this threshold higher than the tier below it ($1,000.00).", Control(page, 3, "Threshold").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("Make this threshold", Control(page, 2, "Threshold").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Make this threshold", Control(page, 4, "Threshold").TextContent, StringComparison.Ordinal);
        var gold = (await Tiers.ListAsync(CancellationToken.None))[2];
        Assert.Equal((300_000L, 0), (gold.ThresholdMinor, gold.Version));
    }

    [Fact]
    public async Task The_what_if_counts_each_tier_now_and_under_the_edited_thresholds_from_the_history_before_anything_is_saved()
    {
        var page = Open();

        await Type(page, 2, "Threshold", "400");
        await Type(page, 3, "Threshold", "1200");
        await Click(page, "Preview");

        // Ada's 500 now reaches Silver, Ben's 1,500 Gold; Eve's voided purchase counts for nothing.
        page.WaitForAssertion(() => Assert.Equal(
            ["Members: 3 now → 2 under these rules", "Members: 1 now → 1 under these rules", "Members: 1 now → 2 under these rules", "Members: 0 now → 0 under these rules"],
            Enumerable.Range(1, 4).Select(row => Counts(page, row))));
        Assert.Equal(100_000, (await Tiers.ListAsync(CancellationToken.None))[1].ThresholdMinor);

        await Type(page, 3, "Threshold", "1300");
        page.WaitForAssertion(() => Assert.Null(Counts(page, 3)));
    }

    [Fact]
    public async Task Five_percent_off_and_one_and_a_half_times_the_points_are_saved_as_rate_9500_and_150_percent()
    {
        var page = Open();

        await Type(page, 3, "Member price", "5");
        await Type(page, 3, "Points multiplier", "1.5");
        page.WaitForAssertion(() => Assert.Contains("5% off, points ×1.5", Row(page, 3).TextContent, StringComparison.Ordinal));
        await Click(page, "Save tiers");

        page.WaitForAssertion(() => Assert.Contains(Saved, Said(Services)));
        var gold = (await Tiers.ListAsync(CancellationToken.None))[2];
        Assert.Equal((9_500, 150, TierPreset.Gold), (gold.PriceRate, gold.PointsMultiplierPercent, gold.Preset));
        Assert.Null(gold.Name);
    }

    [Fact]
    public async Task Ninety_five_typed_as_percent_off_is_refused_with_the_price_it_would_sell_at()
    {
        var page = Open();

        await Type(page, 3, "Member price", "95");
        await Click(page, "Save tiers");

        page.WaitForAssertion(() => Assert.Contains("95% off would sell at 5% of the price. For 95% of the price, enter 5.", Control(page, 3, "Member price").TextContent, StringComparison.Ordinal));
        Assert.Equal(Tier.ListRate, (await Tiers.ListAsync(CancellationToken.None))[2].PriceRate);
    }

    [Fact]
    public async Task Tiers_another_manager_saved_meanwhile_are_not_overwritten_and_reload_shows_theirs()
    {
        var page = Open();
        var loaded = await Tiers.ListAsync(CancellationToken.None);
        var theirs = loaded.Select(TierInput.From).Select((t, i) => i == 3 ? t with { Name = "Diamond" } : t).ToList();
        Assert.True((await Tiers.SaveAsync(theirs, [.. loaded.Select(t => (t.Id, t.Version))], Access.System, CancellationToken.None)).Succeeded);

        await Type(page, 3, "Threshold", "2500");
        await Click(page, "Save tiers");

        page.WaitForAssertion(() => Assert.Contains("Someone else changed the tiers meanwhile", page.Find(".mud-alert").TextContent, StringComparison.Ordinal));
        Assert.Equal(300_000, (await Tiers.ListAsync(CancellationToken.None))[2].ThresholdMinor);
        await Click(page, "Reload");
        page.WaitForAssertion(() => Assert.StartsWith("4. Diamond", Row(page, 4).GetAttribute("aria-label"), StringComparison.Ordinal));

        await Type(page, 3, "Threshold", "2500");
        await Click(page, "Save tiers");
        page.WaitForAssertion(() => Assert.Contains(Saved, Said(Services)));
        Assert.Equal(250_000, (await Tiers.ListAsync(CancellationToken.None))[2].ThresholdMinor);
        Assert.Equal("Diamond", (await Tiers.ListAsync(CancellationToken.None))[3].Name);
    }

    [Fact]
    public async Task Removing_a_tier_members_hold_is_refused_with_how_many_hold_it()
    {
        var page = Open();

        await Click(page, "Remove 3. Gold");
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[role=group]").Count));
        await Click(page, "Save tiers");

        page.WaitForAssertion(() => Assert.Contains("A tier you removed is still held by 1 members", page.Find(".mud-alert").TextContent, StringComparison.Ordinal));
        Assert.Equal(4, (await Tiers.ListAsync(CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Rows_move_up_and_down_and_the_entry_tier_threshold_is_fixed_at_zero()
    {
        var page = Open();

        await Click(page, "Move 4. Platinum up");

        page.WaitForAssertion(() => Assert.StartsWith("3. Platinum", Row(page, 3).GetAttribute("aria-label"), StringComparison.Ordinal));
        Assert.StartsWith("4. Gold", Row(page, 4).GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.NotNull(Control(page, 1, "Threshold").QuerySelector("input[disabled]"));
        Assert.DoesNotContain(Row(page, 1).QuerySelectorAll(".mud-input-control"), c => c.QuerySelector("label")?.TextContent.Trim() == "Measured on");
    }
}
