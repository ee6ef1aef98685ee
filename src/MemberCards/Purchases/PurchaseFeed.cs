using System.Globalization;
using Microsoft.Extensions.Logging;

namespace MemberCards.Purchases;

public enum PurchaseChange
{
    Recorded,
    Voided,

    /// <summary>A bulk load: one event for all its purchases (any member), the last purchase id, the latest time, the total.</summary>
    Loaded,

    /// <summary>Purchases may have been missed (the link to the other web instances was down): refresh whatever is shown.</summary>
    Missed,
}

/// <summary>What changed: enough for a listener to decide whether its view is affected, not the whole purchase.</summary>
public sealed record PurchaseEvent(PurchaseChange Change, int PurchaseId, int MemberId, DateTime PurchasedAt, long TotalMinor)
{
    public static readonly PurchaseEvent Missed = new(PurchaseChange.Missed, 0, 0, DateTime.UnixEpoch, 0);

    /// <summary>Whether a view of this member may have changed: their own purchase, or a bulk load or missed changes that may hold some.</summary>
    public bool Concerns(int memberId) => Change is PurchaseChange.Loaded or PurchaseChange.Missed || MemberId == memberId;
}

/// <summary>
/// Tells open pages (the dashboard) that a purchase was recorded or voided. Published only after the
/// transaction commits, so a failed save publishes nothing. In-process; on PostgreSQL the
/// <see cref="Data.PostgreSqlFeedRelay"/> forwards what this instance publishes to the other web instances and
/// delivers theirs here.
/// </summary>
public sealed class PurchaseFeed(ILogger<PurchaseFeed> logger)
{
    private readonly Lock _gate = new();
    private Action<PurchaseEvent>[] _listeners = [];
    private Action<PurchaseEvent>[] _forwarders = [];

    /// <summary>Starts calling <paramref name="listener"/> for each event; dispose the result to stop.</summary>
    public IDisposable Subscribe(Action<PurchaseEvent> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        // A listener hears in the cultures it subscribed in — its own user's, whose page formats and words the refresh —
        // not in those of whoever published: another user's till, or the PostgreSQL relay's thread (invariant).
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        Action<PurchaseEvent> inItsCulture = change =>
        {
            var (before, uiBefore) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
            try
            {
                listener(change);
            }
            finally
            {
                (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, uiBefore);
            }
        };
        lock (_gate)
        {
            _listeners = [.. _listeners, inItsCulture];
        }
        return new Subscription(this, inItsCulture);
    }

    public int ListenerCount => Volatile.Read(ref _listeners).Length;

    /// <summary>Starts handing <paramref name="forwarder"/> each change published in this instance (not those from others).</summary>
    public IDisposable ForwardTo(Action<PurchaseEvent> forwarder)
    {
        ArgumentNullException.ThrowIfNull(forwarder);
        lock (_gate)
        {
            _forwarders = [.. _forwarders, forwarder];
        }
        return new Subscription(this, forwarder);
    }

    public void Publish(PurchaseEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Change == PurchaseChange.Recorded)
        {
            MemberCardsMetrics.PurchaseRecorded();
        }
        else if (change.Change == PurchaseChange.Voided)
        {
            MemberCardsMetrics.PurchaseVoided();
        }
        Deliver(change);
        foreach (var forwarder in Volatile.Read(ref _forwarders))
        {
            forwarder(change);
        }
    }

    /// <summary>A change published by another web instance: delivered to this instance's listeners only.</summary>
    public void PublishFromOtherInstance(PurchaseEvent change) => Deliver(change);

    private void Deliver(PurchaseEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
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
            _forwarders = [.. _forwarders.Where(l => l != listener)];
        }
    }

    private sealed class Subscription(PurchaseFeed feed, Action<PurchaseEvent> listener) : IDisposable
    {
        public void Dispose() => feed.Unsubscribe(listener);
    }
}
