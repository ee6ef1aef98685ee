using Microsoft.Extensions.Logging;

namespace MemberCards.Purchases;

/// <summary>
/// Runs a refresh after purchases are recorded or voided, coalesced: the first event waits <c>window</c>, so a
/// burst of events in that time causes one refresh; events arriving while a refresh runs cause one more after
/// it. A hundred purchases in a second thus cost a few refreshes, not a hundred. Dispose to unsubscribe.
/// </summary>
public sealed class CoalescedRefresh : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Func<CancellationToken, Task> _refresh;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopped = new();
    private readonly IDisposable _subscription;
    private bool _scheduled;
    private bool _changedSinceStart;

    public CoalescedRefresh(PurchaseFeed feed, TimeSpan window, Func<CancellationToken, Task> refresh, ILogger logger, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(feed);
        (_window, _refresh, _logger, _time) = (window, refresh, logger, time ?? TimeProvider.System);
        _subscription = feed.Subscribe(OnChange);
    }

    private void OnChange(PurchaseEvent change)
    {
        lock (_gate)
        {
            _changedSinceStart = true;
            if (_scheduled || _stopped.IsCancellationRequested)
            {
                return;
            }
            _scheduled = true;
        }
        _ = RunAsync(_stopped.Token);
    }

    private async Task RunAsync(CancellationToken stopped)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_window, _time, stopped);
                lock (_gate)
                {
                    _changedSinceStart = false;
                }
                await _refresh(stopped);
                lock (_gate)
                {
                    if (!_changedSinceStart || stopped.IsCancellationRequested)
                    {
                        _scheduled = false;
                        return;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stopped.IsCancellationRequested)
        {
            // Disposed: the page is gone.
        }
#pragma warning disable CA1031 // Runs detached from any caller: a failed refresh is logged, and the next purchase tries again.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _logger.LogWarning(exception, "A live refresh failed");
            lock (_gate)
            {
                _scheduled = false;
            }
        }
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _stopped.Cancel();
        _stopped.Dispose();
    }
}
