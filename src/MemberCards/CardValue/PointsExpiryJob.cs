using MemberCards.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MemberCards.CardValue;

/// <summary>Runs <see cref="PointsExpiry"/> once each store day (<see cref="DailyJob"/>).</summary>
public sealed partial class PointsExpiryJob(IServiceScopeFactory scopes, StoreClock clock, TimeProvider time, ILogger<PointsExpiryJob> logger)
    : DailyJob(scopes, clock, time)
{
    protected override async Task<DateOnly> RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var run = await services.GetRequiredService<PointsExpiry>().RunAsync(Access.System, cancellationToken);
        if (run.Members > 0)
        {
            LogExpired(run.Points, run.Members, run.Day);
        }
        return run.Day;
    }

    protected override void Failed(Exception exception) => LogFailed(exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Points expiry: {Points} points of {Members} members expired (store day {Day}).")]
    private partial void LogExpired(long points, int members, DateOnly day);

    [LoggerMessage(Level = LogLevel.Error, Message = "Points expiry failed; it is tried again within the hour.")]
    private partial void LogFailed(Exception exception);
}
