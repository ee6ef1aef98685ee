using Microsoft.Extensions.Logging;

namespace MemberCards.Purchases;

public enum PurchaseChange
{
    Recorded,
    Voided,

    /// <summary>A bulk load: one event for all its purchases (any member), the last purchase id, the latest time, the total.</summary>
    Loaded,
}

/// <summary>What changed: enough for a listener to decide whether its view is affected, not the whole purchase.</summary>
public sealed record PurchaseEvent(PurchaseChange Change, int PurchaseId, int MemberId, DateTime PurchasedAt, long TotalMinor)
{
    /// <summary>Whether a view of this member may have changed: their own purchase, or a bulk load that may hold some.</summary>
    public bool Concerns(int memberId) => Change == PurchaseChange.Loaded || MemberId == memberId;
}

/// <summary>
/// Tells open pages (the dashboard) that a purchase was recorded or voided. Published only after the
/// transaction commits, so a failed save publishes nothing. In-process: several web instances would need
/// a shared channel (ARCHITECTURE.md, scale path).
/// </summary>
public sealed class PurchaseFeed(ILogger<PurchaseFeed> logger)
{
    private readonly Lock _gate = new();
    private Action<PurchaseEvent>[] _listeners = [];

    /// <summary>Starts calling <paramref name="listener"/> for each event; dispose the result to stop.</summary>
    public IDisposable Subscribe(Action<PurchaseEvent> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        lock (_gate)
        {
            _listeners = [.. _listeners, listener];
        }
        return new Subscription(this, listener);
    }

    public int ListenerCount => Volatile.Read(ref _listeners).Length;

    public void Publish(PurchaseEvent change)
    {
        foreach (var listener in Volatile.Read(ref _listeners))
        {
            try
            {
                listener(change);
            }
#pragma warning disable CA1031 // One broken listener (a closed tab) must not fail the save that already committed, nor starve the others.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                logger.LogWarning(exception, "A purchase feed listener failed on purchase {PurchaseId}", change.PurchaseId);
            }
        }
    }

    private void Unsubscribe(Action<PurchaseEvent> listener)
    {
        lock (_gate)
        {
            _listeners = [.. _listeners.Where(l => l != listener)];
        }
    }

    private sealed class Subscription(PurchaseFeed feed, Action<PurchaseEvent> listener) : IDisposable
    {
        public void Dispose() => feed.Unsubscribe(listener);
    }
}
