using System.Net;
using System.Text.Json;
using MemberCards.ApiKeys;
using MemberCards.Coupons;
using MemberCards.Tiers;
using MemberCards.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberCards.Api.Tests.Webhooks;

/// <summary>Webhooks from the running app to a receiver on a real loopback socket: every event type, signed, soon after its action; retries that wait longer each time.</summary>
public sealed class WebhookApiTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    private const ApiScopes Till = ApiScopes.ReadMembers | ApiScopes.WriteMembers | ApiScopes.RecordPurchases | ApiScopes.TopUp | ApiScopes.VoidPurchases;
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    private async Task SubscribeAsync(WebhookReceiver receiver, WebhookEventTypes events)
    {
        using var scope = app.Services.CreateScope();
        var created = await scope.ServiceProvider.GetRequiredService<WebhookService>()
            .CreateAsync(new NewWebhookSubscription(receiver.Url.ToString(), events, receiver.Secret), ApiApp.Manager, default);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Code)));
    }

    [Fact]
    public async Task Every_event_type_arrives_signed_after_its_action_with_the_member_and_card_number()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await SubscribeAsync(receiver, WebhookEventNames.All);
        var (client, _) = await app.ClientWithKeyAsync(Till);
        var (memberId, card, _) = await CheckoutApiTests.CreateMemberAsync(client);
        await receiver.WaitUntilAsync(r => Has(r, memberId, WebhookEventNames.MemberCreated), Soon, "member.created");

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/members/{memberId}/top-ups", new { amountMinor = 50_000, method = "Cash" }, Guid.NewGuid().ToString())).StatusCode);
        await receiver.WaitUntilAsync(r => Has(r, memberId, WebhookEventNames.BalanceChanged), Soon, "balance.changed");

        string code;
        using (var scope = app.Services.CreateScope())
        {
            var template = await scope.ServiceProvider.GetRequiredService<CouponTemplateService>()
                .SaveAsync(new CouponTemplateInput(0, 0, $"Hook {Guid.NewGuid():N}"[..20], CouponKind.Voucher, AmountOffMinor: 100, ValidDays: 30), ApiApp.Manager, default);
            var couponId = (await scope.ServiceProvider.GetRequiredService<CouponIssueService>().IssueToMemberAsync(template.Value!.Id, memberId, ApiApp.Manager, default)).Value;
            await using var db = app.OpenDb();
            code = await db.Coupons.Where(c => c.Id == couponId).Select(c => c.Code).SingleAsync();
            var top = await db.Tiers.OrderByDescending(t => t.Rank).Select(t => t.Id).FirstAsync();
            Assert.True((await scope.ServiceProvider.GetRequiredService<MemberTierService>()
                .SetByHandAsync(memberId, top, "Webhook test", DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30), ApiApp.Manager, default)).Succeeded);
        }
        await receiver.WaitUntilAsync(r => Has(r, memberId, WebhookEventNames.CouponIssued) && Has(r, memberId, WebhookEventNames.TierChanged), Soon, "coupon.issued and tier.changed");

        var basket = new { memberId, lines = new[] { new { productId = app.Products[0].Id, quantity = 1 } }, couponCodes = new[] { code } };
        var recorded = await client.PostAsync("/api/v1/purchases", basket, Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var purchaseId = (await recorded.JsonAsync()).GetProperty("purchaseId").GetInt32();
        await receiver.WaitUntilAsync(r => Has(r, memberId, WebhookEventNames.PurchaseRecorded) && Has(r, memberId, WebhookEventNames.CouponRedeemed), Soon, "purchase.recorded and coupon.redeemed");

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/purchases/{purchaseId}/void", new { reason = "Test" }, Guid.NewGuid().ToString())).StatusCode);
        await receiver.WaitUntilAsync(r => Has(r, memberId, WebhookEventNames.PurchaseVoided), Soon, "purchase.voided");

        Assert.All(receiver.Arrivals, a => Assert.True(a.SignatureValid));
        var mine = receiver.Accepted.Values.Where(a => MemberOf(a) == memberId).ToList();
        Assert.Equal(WebhookEventNames.Names.Values.Order(), mine.Select(a => a.Type).Distinct().Order());
        Assert.All(mine, a => Assert.Equal(card, Data(a).GetProperty("cardNumber").GetString()));
        Assert.All(mine, a => Assert.DoesNotContain("@api.test", a.Body, StringComparison.Ordinal));
        var purchase = mine.Single(a => a.Type == WebhookEventNames.PurchaseRecorded);
        Assert.Equal(purchaseId, Data(purchase).GetProperty("purchaseId").GetInt32());
        Assert.Equal(purchase.EventId, JsonDocument.Parse(purchase.Body).RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_receiver_that_fails_twice_is_retried_after_growing_waits_and_the_log_shows_the_attempts()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = n => n <= 2 ? 500 : 200;
        await SubscribeAsync(receiver, WebhookEventTypes.MemberCreated);
        var (client, _) = await app.ClientWithKeyAsync(Till);

        var (memberId, _, _) = await CheckoutApiTests.CreateMemberAsync(client);
        await receiver.WaitUntilAsync(r => r.Accepted.Values.Any(a => MemberOf(a) == memberId), Soon, "the third attempt");

        var tries = receiver.Arrivals.Where(a => MemberOf(a) == memberId).ToList();
        Assert.Equal([500, 500, 200], tries.Select(a => a.Answered));
        Assert.Single(tries.Select(a => a.EventId).Distinct());
        var (first, second) = (tries[1].At - tries[0].At, tries[2].At - tries[1].At);
        Assert.InRange(first.TotalSeconds, 0.35, 3);
        Assert.True(second > first * 1.5, $"waits {first.TotalSeconds:0.00} s then {second.TotalSeconds:0.00} s");
        await using var db = app.OpenDb();
        var eventId = Guid.Parse(tries[0].EventId);
        var url = receiver.Url.ToString();
        // The worker records a batch's answers after its last POST: the receiver may have answered a moment before.
        await receiver.WaitUntilAsync(_ => db.WebhookDeliveries.AsNoTracking().Any(d => d.EventId == eventId && d.Subscription!.Url == url && d.Status != WebhookDeliveryStatus.Pending),
            Soon, "the delivery recorded");
        var delivery = await db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.EventId == eventId && d.Subscription!.Url == url);
        Assert.Equal((WebhookDeliveryStatus.Delivered, 3, 200), (delivery.Status, delivery.Attempts, delivery.LastStatusCode));
        Assert.Equal([500, 500, 200], await db.WebhookAttempts.Where(a => a.DeliveryId == delivery.Id).OrderBy(a => a.Id).Select(a => a.StatusCode).ToListAsync());
    }

    private static JsonElement Data(WebhookArrival arrival) => JsonDocument.Parse(arrival.Body).RootElement.GetProperty("data");

    private static int? MemberOf(WebhookArrival arrival) => Data(arrival).TryGetProperty("memberId", out var id) ? id.GetInt32() : null;

    private static bool Has(WebhookReceiver receiver, int memberId, string type) =>
        receiver.Accepted.Values.Any(a => a.Type == type && MemberOf(a) == memberId);
}
