using System.Text.Json;
using System.Text.Json.Nodes;
using MemberCards.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberCards.Webhooks;

/// <summary>A delivery an instance holds the lease of, with what to send.</summary>
public sealed record ClaimedDelivery(long Id, Guid EventId, string EventType, string Body, string Url, string ProtectedSecret, int Attempts);

/// <summary>How one POST went: a status code, or an error before any answer.</summary>
public sealed record AttemptOutcome(int? StatusCode, string? Error, TimeSpan Duration)
{
    public bool Delivered => StatusCode is >= 200 and < 300;
}

/// <summary>
/// The database side of delivery, safe with several instances on one database: fanning an event out is a
/// conditional update of the event (one instance wins it), taking a delivery is a conditional update of its lease.
/// </summary>
public sealed class WebhookDeliveries(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock, IOptions<MemberCardsOptions> options)
{
    private const int Batch = 100;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private WebhookOptions Settings => options.Value.Webhooks;

    /// <summary>Composes the body of events not yet fanned out and makes a delivery for each active subscription to their type.</summary>
    public async Task<int> FanOutAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var events = await db.WebhookEvents.AsNoTracking().Where(e => e.DispatchedAt == null)
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).Take(Batch).ToListAsync(cancellationToken);
        if (events.Count == 0)
        {
            return 0;
        }
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking().Where(s => s.Active).Select(s => new { s.Id, s.Events }).ToListAsync(cancellationToken);
        var memberIds = events.Where(e => e.MemberId != null).Select(e => e.MemberId!.Value).Distinct().ToList();
        var cards = await db.Members.Where(m => memberIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.CardNumber, cancellationToken);
        var now = clock.UtcNow;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var e in events)
        {
            var body = Body(e, e.MemberId is { } id ? cards.GetValueOrDefault(id) : null);
            var taken = await db.WebhookEvents.Where(w => w.Id == e.Id && w.DispatchedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(w => w.DispatchedAt, now).SetProperty(w => w.Body, body), cancellationToken);
            var type = WebhookEventNames.TypeOf(e.Type);
            if (taken == 1)
            {
                db.WebhookDeliveries.AddRange(subscriptions.Where(s => s.Events.HasFlag(type)).Select(s => new WebhookDelivery
                {
                    EventId = e.Id,
                    SubscriptionId = s.Id,
                    CreatedAt = now,
                    NextAttemptAt = now,
                }));
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return events.Count;
    }

    /// <summary>Takes the lease of deliveries due now that no other instance holds.</summary>
    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimDueAsync(int max, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.UtcNow;
        var until = now + Settings.Lease;
        var due = await Due(db, now).OrderBy(d => d.NextAttemptAt).Select(d => d.Id).Take(max).ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return [];
        }
        List<long> claimed = [];
        // One transaction for the batch: one commit (SQLite's single writer is shared with the postings), each row still its own conditional update.
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            foreach (var id in due)
            {
                if (await Due(db, now).Where(d => d.Id == id).ExecuteUpdateAsync(set => set.SetProperty(d => d.LeasedUntil, until), cancellationToken) == 1)
                {
                    claimed.Add(id);
                }
            }
            await transaction.CommitAsync(cancellationToken);
        }
        return claimed.Count == 0 ? [] : await db.WebhookDeliveries.AsNoTracking().Where(d => claimed.Contains(d.Id))
            .Select(d => new ClaimedDelivery(d.Id, d.EventId, d.Event!.Type, d.Event.Body!, d.Subscription!.Url, d.Subscription.ProtectedSecret, d.Attempts))
            .ToListAsync(cancellationToken);
    }

    /// <summary>When the next pending delivery is due, or null when none is waiting.</summary>
    public async Task<DateTime?> NextDueAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.WebhookDeliveries.Where(d => d.Status == WebhookDeliveryStatus.Pending && d.Subscription!.Active)
            .OrderBy(d => d.NextAttemptAt).Select(d => (DateTime?)d.NextAttemptAt).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Writes each attempt, and its delivery's next step: delivered, a retry after the backoff, or failed after the last attempt. One transaction for the batch.</summary>
    public async Task RecordAsync(IReadOnlyList<(ClaimedDelivery Delivery, AttemptOutcome Outcome)> attempts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        if (attempts.Count == 0)
        {
            return;
        }
        var now = clock.UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (delivery, outcome) in attempts)
        {
            var count = delivery.Attempts + 1;
            var status = outcome.Delivered ? WebhookDeliveryStatus.Delivered
                : count >= Settings.MaxAttempts ? WebhookDeliveryStatus.Failed : WebhookDeliveryStatus.Pending;
            var next = status == WebhookDeliveryStatus.Pending ? now + Settings.RetryDelay(count) : now;
            var error = outcome.Error is { Length: > WebhookDelivery.ErrorLength } tooLong ? tooLong[..WebhookDelivery.ErrorLength] : outcome.Error;
            DateTime? deliveredAt = outcome.Delivered ? now : null;
            await db.WebhookDeliveries.Where(d => d.Id == delivery.Id && d.Status == WebhookDeliveryStatus.Pending)
                .ExecuteUpdateAsync(set => set.SetProperty(d => d.Status, status).SetProperty(d => d.Attempts, count)
                    .SetProperty(d => d.NextAttemptAt, next).SetProperty(d => d.LeasedUntil, (DateTime?)null)
                    .SetProperty(d => d.LastAttemptAt, now).SetProperty(d => d.LastStatusCode, outcome.StatusCode)
                    .SetProperty(d => d.LastError, error).SetProperty(d => d.DeliveredAt, deliveredAt), cancellationToken);
            db.WebhookAttempts.Add(new WebhookAttempt
            {
                DeliveryId = delivery.Id,
                At = now,
                StatusCode = outcome.StatusCode,
                Error = error,
                DurationMs = (int)Math.Min(int.MaxValue, outcome.Duration.TotalMilliseconds),
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public Task RecordAsync(ClaimedDelivery delivery, AttemptOutcome outcome, CancellationToken cancellationToken) => RecordAsync([(delivery, outcome)], cancellationToken);

    private static IQueryable<WebhookDelivery> Due(MemberCardsDb db, DateTime now) =>
        db.WebhookDeliveries.Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now
            && (d.LeasedUntil == null || d.LeasedUntil < now) && d.Subscription!.Active);

    private static string Body(WebhookEvent e, string? cardNumber)
    {
        var data = JsonNode.Parse(e.Data)?.AsObject() ?? [];
        if (e.MemberId is { } memberId)
        {
            data["memberId"] = memberId;
            data["cardNumber"] = cardNumber;
        }
        return JsonSerializer.Serialize(new { id = e.Id, type = e.Type, occurredAt = e.OccurredAt, data }, Json);
    }
}
