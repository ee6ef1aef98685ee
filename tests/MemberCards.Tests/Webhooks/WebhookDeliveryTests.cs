using MemberCards.Accounts;
using MemberCards.Auditing;
using MemberCards.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberCards.Tests.Webhooks;

/// <summary>
/// The outbox fanned out and delivered by two instances over one database: each event gets one delivery per
/// subscription, a delivery is held by one instance at a time, failures back off and give up, a replay queues again.
/// </summary>
public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private const string Receiver = "https://hooks.example.com/member-cards";
    private TestDatabase _db = null!;

    public async ValueTask InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private async Task<int> SubscribeAsync(WebhookEventTypes events, string url = Receiver)
    {
        var created = await _db.Get<WebhookService>().CreateAsync(new NewWebhookSubscription(url, events), TestUsers.Manager, default);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Code)));
        return created.Value!.Id;
    }

    [Fact]
    public async Task Two_instances_fanning_out_at_once_make_one_delivery_per_subscription_with_the_card_number_in_the_body()
    {
        var purchases = await SubscribeAsync(WebhookEventTypes.PurchaseRecorded);
        var members = await SubscribeAsync(WebhookEventTypes.MemberCreated | WebhookEventTypes.PurchaseRecorded);
        var memberId = await _db.AddMemberAsync("Ada", "2025550123", "ada@example.com");
        var latte = await _db.AddProductAsync("Latte", 3_000);
        for (var i = 0; i < 5; i++)
        {
            await _db.RecordAsync(memberId, _db.Clock.UtcNow, (latte, 1));
        }
        await using var second = _db.NewInstance();

        await Task.WhenAll(_db.Get<WebhookDeliveries>().FanOutAsync(default), second.GetRequiredService<WebhookDeliveries>().FanOutAsync(default));
        await _db.Get<WebhookDeliveries>().FanOutAsync(default);

        await using var db = _db.Open();
        var deliveries = await db.WebhookDeliveries.AsNoTracking().Include(d => d.Event).ToListAsync();
        Assert.Equal(5, deliveries.Count(d => d.SubscriptionId == purchases));
        Assert.Equal(6, deliveries.Count(d => d.SubscriptionId == members));
        Assert.All(deliveries, d => Assert.Equal(WebhookDeliveryStatus.Pending, d.Status));
        var card = await db.Members.Where(m => m.Id == memberId).Select(m => m.CardNumber).SingleAsync();
        var body = deliveries.First(d => d.Event!.Type == WebhookEventNames.MemberCreated).Event!.Body!;
        Assert.Contains($"\"cardNumber\":\"{card}\"", body, StringComparison.Ordinal);
        Assert.Contains($"\"memberId\":{memberId}", body, StringComparison.Ordinal);
        Assert.DoesNotContain("ada@", body, StringComparison.Ordinal);
        Assert.Equal(0, await db.WebhookEvents.CountAsync(e => e.DispatchedAt == null));
    }

    [Fact]
    public async Task A_delivery_is_held_by_one_instance_until_its_lease_runs_out()
    {
        await SubscribeAsync(WebhookEventTypes.MemberCreated);
        for (var i = 0; i < 6; i++)
        {
            await _db.AddMemberAsync($"Member {i}");
        }
        await _db.Get<WebhookDeliveries>().FanOutAsync(default);
        await using var second = _db.NewInstance();

        var claims = await Task.WhenAll(_db.Get<WebhookDeliveries>().ClaimDueAsync(10, default), second.GetRequiredService<WebhookDeliveries>().ClaimDueAsync(10, default));
        var again = await _db.Get<WebhookDeliveries>().ClaimDueAsync(10, default);
        _db.Clock.UtcNow += _db.Options.Webhooks.Lease + TimeSpan.FromSeconds(1);
        var afterLease = await second.GetRequiredService<WebhookDeliveries>().ClaimDueAsync(10, default);

        var ids = claims.SelectMany(c => c).Select(c => c.Id).ToList();
        Assert.Equal(6, ids.Count);
        Assert.Equal(6, ids.Distinct().Count());
        Assert.Empty(again);
        Assert.Equal(6, afterLease.Count);
    }

    [Fact]
    public async Task Failures_wait_twice_as_long_each_time_then_give_up_and_a_replay_queues_it_again_with_an_audit_entry()
    {
        _db.Options.Webhooks.MaxAttempts = 3;
        await SubscribeAsync(WebhookEventTypes.MemberCreated);
        await _db.AddMemberAsync();
        var queue = _db.Get<WebhookDeliveries>();
        await queue.FanOutAsync(default);
        var first = _db.Options.Webhooks.FirstRetryDelay;
        List<TimeSpan> waits = [];
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var claimed = Assert.Single(await queue.ClaimDueAsync(10, default));
            await queue.RecordAsync(claimed, new AttemptOutcome(attempt == 1 ? null : 500, attempt == 1 ? "connection refused" : null, TimeSpan.FromMilliseconds(12)), default);
            await using var db = _db.Open();
            var row = await db.WebhookDeliveries.AsNoTracking().SingleAsync();
            waits.Add(row.NextAttemptAt - _db.Clock.UtcNow);
            _db.Clock.UtcNow = row.NextAttemptAt;
        }

        await using (var db = _db.Open())
        {
            var failed = await db.WebhookDeliveries.AsNoTracking().SingleAsync();
            Assert.Equal(WebhookDeliveryStatus.Failed, failed.Status);
            Assert.Equal(3, failed.Attempts);
            Assert.Equal(500, failed.LastStatusCode);
            Assert.Equal([null, 500, 500], await db.WebhookAttempts.OrderBy(a => a.Id).Select(a => a.StatusCode).ToListAsync());
            Assert.Equal("connection refused", await db.WebhookAttempts.OrderBy(a => a.Id).Select(a => a.Error).FirstAsync());
        }
        Assert.Equal([first, first * 2, TimeSpan.Zero], waits);
        Assert.Empty(await queue.ClaimDueAsync(10, default));

        var deliveryId = (await _db.Get<WebhookDeliveryLog>().ListAsync(WebhookDeliveryStatus.Failed, TestUsers.Manager, default)).Single().Id;
        Assert.True((await _db.Get<WebhookDeliveryLog>().ReplayAsync(deliveryId, TestUsers.Manager, default)).Succeeded);
        var replayed = Assert.Single(await queue.ClaimDueAsync(10, default));
        await queue.RecordAsync(replayed, new AttemptOutcome(204, null, TimeSpan.FromMilliseconds(5)), default);

        var delivered = Assert.Single(await _db.Get<WebhookDeliveryLog>().ListAsync(WebhookDeliveryStatus.Delivered, TestUsers.Manager, default));
        Assert.Equal(1, delivered.Attempts);
        Assert.Equal(WebhookEventNames.MemberCreated, delivered.EventType);
        await using var audit = _db.Open();
        Assert.True(await audit.AuditEntries.AnyAsync(e => e.Action == AuditActions.WebhookReplayed && e.UserName == "manager@test"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Get<WebhookDeliveryLog>().ReplayAsync(deliveryId, TestUsers.Staff, default));
    }

    [Fact]
    public async Task A_paused_subscription_gets_nothing_new()
    {
        var id = await SubscribeAsync(WebhookEventTypes.MemberCreated);
        Assert.True((await _db.Get<WebhookService>().SetActiveAsync(id, false, TestUsers.Manager, default)).Succeeded);
        await _db.AddMemberAsync();

        await _db.Get<WebhookDeliveries>().FanOutAsync(default);

        await using var db = _db.Open();
        Assert.Equal(0, await db.WebhookDeliveries.CountAsync());
        Assert.False(Assert.Single(await _db.Get<WebhookService>().ListAsync(TestUsers.Manager, default)).Active);
    }
}
