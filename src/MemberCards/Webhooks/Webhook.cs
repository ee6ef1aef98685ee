namespace MemberCards.Webhooks;

/// <summary>What a subscription hears. Names as receivers see them are in <see cref="WebhookEventNames"/>.</summary>
[Flags]
public enum WebhookEventTypes
{
    None = 0,
    PurchaseRecorded = 1,
    PurchaseVoided = 2,
    MemberCreated = 4,
    BalanceChanged = 8,
    TierChanged = 16,
    CouponIssued = 32,
    CouponRedeemed = 64,
}

public enum WebhookDeliveryStatus
{
    /// <summary>Waiting for its next attempt (the first, or a retry after a failure).</summary>
    Pending,
    Delivered,

    /// <summary>Given up after the last attempt; a manager may replay it.</summary>
    Failed,
}

/// <summary>
/// A manager's subscription: where to POST which events, signed with <see cref="ProtectedSecret"/> — the secret
/// encrypted with ASP.NET Data Protection (its keys live with the database, shared by every instance), because
/// signing needs the secret itself, not a hash of it.
/// </summary>
public sealed class WebhookSubscription
{
    public const int UrlLength = 500;

    public int Id { get; set; }
    public required string Url { get; set; }
    public required string ProtectedSecret { get; set; }
    public WebhookEventTypes Events { get; set; }
    public bool Active { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}

/// <summary>
/// An outbox row: written in the transaction of the change it tells of, so it exists exactly when the change does.
/// <see cref="Body"/> is composed once, when the worker fans the event out to its subscriptions.
/// </summary>
public sealed class WebhookEvent
{
    public const int TypeLength = 40;

    public Guid Id { get; set; }
    public required string Type { get; set; }
    public DateTime OccurredAt { get; set; }
    public int? MemberId { get; set; }
    public required string Data { get; set; }
    public string? Body { get; set; }
    public DateTime? DispatchedAt { get; set; }
}

/// <summary>One event on its way to one subscription: the retry schedule is in the row, so a restart resumes it.</summary>
public sealed class WebhookDelivery
{
    public const int ErrorLength = 500;

    public long Id { get; set; }
    public Guid EventId { get; set; }
    public WebhookEvent? Event { get; set; }
    public int SubscriptionId { get; set; }
    public WebhookSubscription? Subscription { get; set; }
    public WebhookDeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }

    /// <summary>Set by the instance sending it; another instance takes the row only once this has passed.</summary>
    public DateTime? LeasedUntil { get; set; }
    public DateTime? LastAttemptAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTime? DeliveredAt { get; set; }
}

/// <summary>One POST of a delivery, as it went.</summary>
public sealed class WebhookAttempt
{
    public long Id { get; set; }
    public long DeliveryId { get; set; }
    public DateTime At { get; set; }
    public int? StatusCode { get; set; }
    public string? Error { get; set; }
    public int DurationMs { get; set; }
}
