using MemberCards.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MemberCards.Tiers;

/// <summary>Runs <see cref="TierReview"/> once each store day (<see cref="DailyJob"/>).</summary>
public sealed partial class TierReviewJob(IServiceScopeFactory scopes, StoreClock clock, TimeProvider time, ILogger<TierReviewJob> logger)
    : DailyJob(scopes, clock, time)
{
    protected override async Task<DateOnly> RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var run = await services.GetRequiredService<TierReview>().RunAsync(Access.System, cancellationToken);
        if (run.Due > 0)
        {
            LogReviewed(run.Due, run.Renewed, run.Downgraded, run.Day);
        }
        return run.Day;
    }

    protected override void Failed(Exception exception) => LogFailed(exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tier review: {Due} members due, {Renewed} kept, {Downgraded} moved down (store day {Day}).")]
    private partial void LogReviewed(int due, int renewed, int downgraded, DateOnly day);

    [LoggerMessage(Level = LogLevel.Error, Message = "Tier review failed; it is tried again within the hour.")]
    private partial void LogFailed(Exception exception);
}
