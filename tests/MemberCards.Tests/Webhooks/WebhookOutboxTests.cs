using MemberCards.CardValue;
using MemberCards.Coupons;
using MemberCards.Purchases;
using MemberCards.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.Webhooks;

/// <summary>Every change writes its event in its own transaction (none when the save fails), and the body names ids and fen, never contacts.</summary>
public sealed class WebhookOutboxTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async ValueTask InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task Each_change_writes_its_event_with_ids_and_fen_but_no_contact_details()
    {
        var memberId = await _db.AddMemberAsync("Grace Hopper", "2025550147", "grace@example.com");
        var latte = await _db.AddProductAsync("Latte", 3_000);
        Assert.True((await _db.Get<TopUpService>().RecordAsync(new NewTopUp(memberId, 10_000, PaymentMethod.Cash), TestUsers.Staff, default)).Succeeded);
        var template = await _db.Get<CouponTemplateService>().SaveAsync(
            new CouponTemplateInput(0, 0, "Five off", CouponKind.Voucher, AmountOffMinor: 500, ValidDays: 30), TestUsers.Marketing, default);
        var couponId = (await _db.Get<CouponIssueService>().IssueToMemberAsync(template.Value!.Id, memberId, TestUsers.Staff, default)).Value;
        await using (var read = _db.Open())
        {
            var code = await read.Coupons.Where(c => c.Id == couponId).Select(c => c.Code).SingleAsync();
            var recorded = await _db.Get<PurchaseService>().RecordAsync(new NewPurchase(memberId, [new NewPurchaseLine(latte, 1)],
                Tenders: [new Tender(PaymentMethod.StoredValue, 2_500)], CouponCodes: [code]), TestUsers.Staff, default);
            Assert.True(recorded.Succeeded, string.Join("; ", recorded.Errors.Select(e => e.Code)));
            Assert.True((await _db.Get<PurchaseService>().VoidAsync(recorded.Value!.PurchaseId, "wrong member", TestUsers.Manager, default)).Succeeded);
        }

        await using var db = _db.Open();
        var events = await db.WebhookEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
        Assert.Equal(["balance.changed", "coupon.issued", "coupon.redeemed", "member.created", "purchase.recorded", "purchase.voided"],
            events.Select(e => e.Type).Distinct().Order().ToArray());
        Assert.All(events, e => Assert.Equal(memberId, e.MemberId));
        Assert.All(events, e => Assert.DoesNotContain("grace", e.Data, StringComparison.OrdinalIgnoreCase));
        Assert.All(events, e => Assert.DoesNotContain("0147", e.Data, StringComparison.Ordinal));
        var recordedEvent = events.Single(e => e.Type == WebhookEventNames.PurchaseRecorded);
        Assert.Contains("\"totalMinor\":2500", recordedEvent.Data, StringComparison.Ordinal);
        // The top-up, the card payment and its reversal each moved the balance.
        Assert.Equal(3, events.Count(e => e.Type == WebhookEventNames.BalanceChanged));
    }

    [Fact]
    public async Task A_save_that_fails_or_is_refused_leaves_no_event()
    {
        var memberId = await _db.AddMemberAsync();
        var latte = await _db.AddProductAsync("Latte", 3_000);
        await using (var db = _db.Open())
        {
            await db.WebhookEvents.ExecuteDeleteAsync();
        }
        await _db.FailWritesAsync("fail_purchase_audit", "AuditEntries", "INSERT", "purchase.recorded");

        await Assert.ThrowsAnyAsync<Exception>(() => _db.Get<PurchaseService>().RecordAsync(new NewPurchase(memberId, [new NewPurchaseLine(latte, 1)]), TestUsers.Staff, default));
        var refused = await _db.Get<PurchaseService>().RecordAsync(new NewPurchase(memberId, [new NewPurchaseLine(latte, 1)],
            Tenders: [new Tender(PaymentMethod.StoredValue, 3_000)]), TestUsers.Staff, default);

        Assert.False(refused.Succeeded);
        await using var after = _db.Open();
        Assert.Equal(0, await after.WebhookEvents.CountAsync());
        Assert.Equal(0, await after.Purchases.CountAsync());
    }
}
