using MemberCards.Data;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MemberCards.Webhooks;

/// <summary>Wakes the delivery worker: a commit in this process that wrote outbox rows, or a replay.</summary>
public sealed class WebhookSignal : IDisposable
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Woken by another commit in between: one wake is enough.
            }
        }
    }

    /// <summary>Waits for a wake or the timeout, whichever is first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _wake.Dispose();
}

/// <summary>Tells the <see cref="WebhookSignal"/> after a transaction that added outbox rows commits (never before: the worker would not see them).</summary>
public sealed class WebhookCommitInterceptor(WebhookSignal signal) : DbTransactionInterceptor
{
    public override void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is MemberCardsDb { WebhookEventsAdded: true } db)
        {
            db.WebhookEventsAdded = false;
            signal.Wake();
        }
    }

    public override Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }
}
