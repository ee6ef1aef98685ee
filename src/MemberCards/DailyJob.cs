using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MemberCards;

/// <summary>
/// A job run once each store day (checked hourly, and at start-up) by a hosted service: points expiry, the tier
/// review. The work is idempotent, so a restart, a second instance or a missed hour changes nothing but when it runs.
/// </summary>
public abstract class DailyJob(IServiceScopeFactory scopes, StoreClock clock, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromHours(1);

    /// <summary>Runs the day's work with the services of a fresh scope; returns the store day it ran for.</summary>
    protected abstract Task<DateOnly> RunAsync(IServiceProvider services, CancellationToken cancellationToken);

    /// <summary>Says the run failed; it is tried again within the hour.</summary>
    protected abstract void Failed(Exception exception);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DateOnly? done = null;
        using var timer = new PeriodicTimer(Every, time);
        do
        {
            if (done == clock.Today)
            {
                continue;
            }
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                done = await RunAsync(scope.ServiceProvider, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Failed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
