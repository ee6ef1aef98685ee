using MemberCards.Accounts;
using MemberCards.Auditing;
using MemberCards.Data;
using MemberCards.Members;
using MemberCards.Web.Components.Webhooks;
using MemberCards.Webhooks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MemberCards.Web.Tests.Webhooks;

/// <summary>The delivery log lists each delivery with its status and last answer, filters by status, and replays one (audited).</summary>
public sealed class WebhookDeliveriesPageTests() : DatabaseTestContext(services => services.AddDataProtection())
{
    protected override async Task SeedAsync()
    {
        await Services.GetRequiredService<WebhookService>().CreateAsync(
            new NewWebhookSubscription("https://hooks.example.com/crm", WebhookEventTypes.MemberCreated), Access.System, default);
        var members = Services.GetRequiredService<MemberService>();
        await members.CreateAsync(new NewMember("Failing Fay", null, null), Access.System, default);
        await members.CreateAsync(new NewMember("Delivered Dan", null, null), Access.System, default);
        var deliveries = Services.GetRequiredService<WebhookDeliveries>();
        await deliveries.FanOutAsync(default);
        var claimed = (await deliveries.ClaimDueAsync(10, default)).OrderBy(c => c.Id).ToList();
        await deliveries.RecordAsync(claimed[0], new AttemptOutcome(503, null, TimeSpan.FromMilliseconds(30)), default);
        await deliveries.RecordAsync(claimed[1], new AttemptOutcome(200, null, TimeSpan.FromMilliseconds(30)), default);
    }

    [Fact]
    public async Task Each_delivery_shows_its_event_target_status_and_last_answer_and_the_filter_keeps_one_status()
    {
        Render<MudPopoverProvider>();
        var page = Render<WebhookDeliveriesPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tbody tr").Count));
        var rows = page.FindAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.All(rows, r => Assert.Contains("member.created", r, StringComparison.Ordinal));
        Assert.All(rows, r => Assert.Contains("https://hooks.example.com/crm", r, StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("Delivered", StringComparison.Ordinal) && r.Contains("HTTP 200", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("Pending", StringComparison.Ordinal) && r.Contains("HTTP 503", StringComparison.Ordinal) && r.Contains("Next attempt", StringComparison.Ordinal));

        await page.InvokeAsync(() => page.FindComponent<MudSelect<WebhookDeliveryStatus?>>().Instance.ValueChanged.InvokeAsync(WebhookDeliveryStatus.Delivered));

        page.WaitForAssertion(() => Assert.Contains("HTTP 200", Assert.Single(page.FindAll("tbody tr")).TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Replay_queues_a_delivered_event_again_and_the_audit_names_the_manager()
    {
        var page = Render<WebhookDeliveriesPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tbody tr").Count));

        var delivered = page.FindAll("tbody tr").Single(r => r.TextContent.Contains("HTTP 200", StringComparison.Ordinal));
        await page.ClickAsync(() => delivered.QuerySelector("button")!);

        await using var db = await Services.GetRequiredService<IDbContextFactory<MemberCardsDb>>().CreateDbContextAsync();
        page.WaitForAssertion(() => Assert.Equal(2, db.WebhookDeliveries.AsNoTracking().Count(d => d.Status == WebhookDeliveryStatus.Pending)));
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.WebhookReplayed && e.UserName == "manager@test"));
    }
}
