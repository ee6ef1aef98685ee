using MemberCards.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MemberCards.CardValue;

/// <summary>
/// Runs <see cref="PointsExpiry"/> once each store day (checked hourly, and at start-up). Idempotent, so a restart,
/// a second instance or a missed hour changes nothing but the moment points expire.
/// </summary>
public sealed partial class PointsExpiryJob(IServiceScopeFactory scopes, StoreClock clock, TimeProvider time, ILogger<PointsExpiryJob> logger) : BackgroundService
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
                var run = await scope.ServiceProvider.GetRequiredService<PointsExpiry>().RunAsync(Access.System, stoppingToken);
                done = run.Day;
                if (run.Members > 0)
                {
                    LogExpired(run.Points, run.Members, run.Day);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Points expiry: {Points} points of {Members} members expired (store day {Day}).")]
    private partial void LogExpired(long points, int members, DateOnly day);

    [LoggerMessage(Level = LogLevel.Error, Message = "Points expiry failed; it is tried again within the hour.")]
    private partial void LogFailed(Exception exception);
}
