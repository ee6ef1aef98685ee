using MemberCards.Accounts;
using MemberCards.Campaigns;
using MemberCards.Data;
using MemberCards.Members;
using MemberCards.Products;
using MemberCards.Purchases;
using MemberCards.Web.Components.Campaigns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberCards.Web.Tests.Campaigns;

public sealed class CampaignsPageTests : DatabaseTestContext
{

    protected override async Task SeedAsync()
    {
        Authorization.SetAuthorized("marketing@test");
        Authorization.SetRoles(Roles.Marketing);
        await using (var db = await Services.GetRequiredService<IDbContextFactory<MemberCardsDb>>().CreateDbContextAsync())
        {
            db.Products.Add(new Product { Name = "Coffee", Category = "Drinks", UnitPriceMinor = 250 });
            await db.SaveChangesAsync();
        }
        var members = Services.GetRequiredService<MemberService>();
        var purchases = Services.GetRequiredService<PurchaseService>();
        foreach (var (name, optIn, cups) in new[] { ("Ann", true, 4), ("Ben", false, 2), ("Cy", true, 1) })
        {
            var member = await members.CreateAsync(new NewMember(name, null, null, MarketingOptIn: optIn), Access.System, CancellationToken.None);
            await purchases.RecordAsync(new NewPurchase(member.Value!.MemberId, [new NewPurchaseLine(1, cups)]), Access.System, CancellationToken.None);
        }
    }


    private static string Size(IRenderedComponent<CampaignsPage> page) => page.Find("[aria-label='Segment size']").TextContent.Trim();

    private static IEnumerable<string> Names(IRenderedComponent<CampaignsPage> page) => page.FindAll("[aria-label='Segment members'] tbody tr").Select(r => r.Children[1].TextContent.Trim());

    private static AngleSharp.Dom.IElement? Field(IRenderedComponent<CampaignsPage> page, string label) =>
        page.FindAll(".mud-input-control").FirstOrDefault(c => c.TextContent.Contains(label, StringComparison.Ordinal))?.QuerySelector("input");

    private static AngleSharp.Dom.IElement Switch(IRenderedComponent<CampaignsPage> page, string label) =>
        page.FindAll("input[type=checkbox]").Single(i => i.Closest("label")?.TextContent.Contains(label, StringComparison.Ordinal) == true);

    /// <summary>
    /// The page loads its filter choices, the grid's rows, the segment's summary (before the rows) and the RFM
    /// overview each on its own: the test acts once all of them are shown, whichever came first.
    /// </summary>
    private static void WaitUntilLoaded(IRenderedComponent<CampaignsPage> page) =>
        page.WaitForAssertion(() =>
        {
            Assert.Equal("3 members · $17.50 spent in the period · 2 opted in", Size(page));
            Assert.Equal(["Ann", "Ben", "Cy"], Names(page));
            Assert.NotNull(Field(page, "Top N"));
            Assert.Equal(2, page.FindAll(".apex-chart").Count);
        });

    [Fact]
    public async Task Size_and_spend_follow_the_filters_once_typing_pauses()
    {
        var page = Render<CampaignsPage>();
        WaitUntilLoaded(page);

        // Read in the same renderer turn as the change: the pause can't end before the render the change caused is read.
        await page.InvokeAsync(() =>
        {
            Switch(page, "Opted in only").Change(true);
            Assert.Equal("3 members · $17.50 spent in the period · 2 opted in", Size(page));
        });
        // On a clock, not after each of the grid's renders: see ClockedWait.
        await page.PollForAssertionAsync(() =>
        {
            Assert.Equal("2 members · $12.50 spent in the period · 2 opted in", Size(page));
            Assert.Equal(["Ann", "Cy"], Names(page));
        });
    }

    [Fact]
    public async Task A_segment_of_one_reads_one_member()
    {
        var page = Render<CampaignsPage>();
        WaitUntilLoaded(page);

        await page.InputAsync(() => Field(page, "Top N")!, "1");

        await page.PollForAssertionAsync(() => Assert.StartsWith("1 member · ", Size(page), StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_invalid_number_is_shown_at_its_field_and_the_last_good_segment_stays()
    {
        var page = Render<CampaignsPage>();
        WaitUntilLoaded(page);

        await page.InputAsync(() => page.FindAll("input").First(i => i.GetAttribute("aria-valuenow") == "50"), "0");

        page.WaitForAssertion(() => Assert.Contains("Between 1 and 100,000.", page.Markup, StringComparison.Ordinal));
        Assert.StartsWith("3 members", Size(page), StringComparison.Ordinal);
        Assert.True(page.FindAll("button").Single(b => b.TextContent.Contains("Save as new", StringComparison.Ordinal)).HasAttribute("disabled"));
    }

    [Fact]
    public async Task Rfm_segments_show_as_a_table_on_request()
    {
        var page = Render<CampaignsPage>();
        WaitUntilLoaded(page);

        await page.ChangeAsync(() => Switch(page, "Show as table"), true);

        page.WaitForAssertion(() =>
        {
            var rows = page.FindAll("[aria-label='RFM segments'] tbody tr");
            Assert.Equal(["Champions", "Loyal", "Potential loyalists", "At risk", "Can't lose them", "Hibernating", "Lost"], rows.Select(r => r.Children[0].TextContent));
            Assert.Equal(3, rows.Sum(r => int.Parse(r.Children[1].TextContent, System.Globalization.CultureInfo.InvariantCulture)));
        });
        Assert.Empty(page.FindAll(".apex-chart"));
    }
}
