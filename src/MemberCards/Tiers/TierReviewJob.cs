using MemberCards.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MemberCards.Tiers;

/// <summary>
/// Runs <see cref="TierReview"/> once each store day (checked hourly, and at start-up). Idempotent, so a restart,
/// a second instance or a missed hour changes nothing but the moment a member's tier is checked.
/// </summary>
public sealed partial class TierReviewJob(IServiceScopeFactory scopes, StoreClock clock, TimeProvider time, ILogger<TierReviewJob> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromHours(1);

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
                var run = await scope.ServiceProvider.GetRequiredService<TierReview>().RunAsync(Access.System, stoppingToken);
                done = run.Day;
                if (run.Due > 0)
                {
                    LogReviewed(run.Due, run.Renewed, run.Downgraded, run.Day);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tier review: {Due} members due, {Renewed} kept, {Downgraded} moved down (store day {Day}).")]
    private partial void LogReviewed(int due, int renewed, int downgraded, DateOnly day);

    [LoggerMessage(Level = LogLevel.Error, Message = "Tier review failed; it is tried again within the hour.")]
    private partial void LogFailed(Exception exception);
}
