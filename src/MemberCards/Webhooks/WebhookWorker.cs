using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MemberCards.Webhooks;

/// <summary>
/// Delivers the outbox: fans new events out to their subscriptions, sends what is due (a few at once), records each
/// attempt. Woken by a commit in this process (<see cref="WebhookSignal"/>), else it looks every poll interval, or
/// sooner when a retry falls due. At least once: a crash between a receiver's answer and the record sends again.
/// </summary>
public sealed partial class WebhookWorker(WebhookDeliveries queue, WebhookSender sender, WebhookSignal signal, StoreClock clock,
    IOptions<MemberCardsOptions> options, ILogger<WebhookWorker> logger) : BackgroundService
{
    private const int AtOnce = 8;
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(50);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = options.Value.Webhooks.PollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = poll;
            try
            {
                await queue.FanOutAsync(stoppingToken);
                var claimed = await queue.ClaimDueAsync(AtOnce * 4, stoppingToken);
                var attempts = new System.Collections.Concurrent.ConcurrentBag<(ClaimedDelivery, AttemptOutcome)>();
                await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = AtOnce, CancellationToken = stoppingToken }, async (delivery, cancellationToken) =>
                    attempts.Add((delivery, await sender.SendAsync(delivery, cancellationToken))));
                await queue.RecordAsync([.. attempts], CancellationToken.None);
                if (claimed.Count > 0)
                {
                    continue;
                }
                if (await queue.NextDueAsync(stoppingToken) is { } next && next - clock.UtcNow < wait)
                {
                    // Not below a floor: a due row another instance holds must not spin this loop.
                    wait = TimeSpan.FromTicks(Math.Max(MinimumWait.Ticks, (next - clock.UtcNow).Ticks));
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(exception);
            }
            await signal.WaitAsync(wait, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook delivery failed; it is tried again at the next poll.")]
    private partial void LogFailed(Exception exception);
}
