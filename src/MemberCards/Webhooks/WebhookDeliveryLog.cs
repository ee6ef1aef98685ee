using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Auditing;
using MemberCards.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Webhooks;

public sealed record WebhookDeliveryRow(long Id, Guid EventId, string EventType, DateTime OccurredAt, string Url, WebhookDeliveryStatus Status,
    int Attempts, DateTime? LastAttemptAt, int? LastStatusCode, string? LastError, DateTime NextAttemptAt, DateTime? DeliveredAt);

/// <summary>The managers' delivery log: what was sent where, how it went, and a replay that queues a delivery again.</summary>
public sealed class WebhookDeliveryLog(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock, WebhookSignal signal)
{
    public const int PageSize = 200;

    /// <summary>The newest deliveries first, of one status or all.</summary>
    public async Task<IReadOnlyList<WebhookDeliveryRow>> ListAsync(WebhookDeliveryStatus? status, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.Require(user, Roles.Manager);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var deliveries = db.WebhookDeliveries.AsNoTracking();
        if (status is { } only)
        {
            deliveries = deliveries.Where(d => d.Status == only);
        }
        return await deliveries.OrderByDescending(d => d.Id).Take(PageSize)
            .Select(d => new WebhookDeliveryRow(d.Id, d.EventId, d.Event!.Type, d.Event.OccurredAt, d.Subscription!.Url, d.Status, d.Attempts,
                d.LastAttemptAt, d.LastStatusCode, d.LastError, d.NextAttemptAt, d.DeliveredAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Queues the delivery to go again now, with a fresh count of attempts (its past attempts stay recorded).</summary>
    public async Task<Result<long>> ReplayAsync(long deliveryId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var by = Access.Require(user, Roles.Manager);
        var now = clock.UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var queued = await db.WebhookDeliveries.Where(d => d.Id == deliveryId)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.Status, WebhookDeliveryStatus.Pending).SetProperty(d => d.Attempts, 0)
                .SetProperty(d => d.NextAttemptAt, now).SetProperty(d => d.LeasedUntil, (DateTime?)null), cancellationToken);
        if (queued == 0)
        {
            return Result<long>.Refused("", MessageCode.WebhookDeliveryNotFound);
        }
        AuditLog.Add(db, now, by, AuditActions.WebhookReplayed, nameof(WebhookDelivery), deliveryId, null);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Wake();
        return Result<long>.Ok(deliveryId);
    }
}
