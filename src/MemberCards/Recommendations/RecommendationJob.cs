using MemberCards.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MemberCards.Recommendations;

/// <summary>Rebuilds the recommendation statistics once each store day (<see cref="DailyJob"/>), unless a build finished that day already.</summary>
public sealed partial class RecommendationJob(IServiceScopeFactory scopes, StoreClock clock, TimeProvider time, ILogger<RecommendationJob> logger)
    : DailyJob(scopes, clock, time)
{
    protected override async Task<DateOnly> RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var builder = services.GetRequiredService<RecommendationBuilder>();
        var clock = services.GetRequiredService<StoreClock>();
        var latest = await builder.LatestAsync(cancellationToken);
        if (latest is null || DateOnly.FromDateTime(clock.ToLocal(latest.FinishedAt)) != clock.Today)
        {
            var build = await builder.RebuildAsync(Access.System, cancellationToken);
            LogBuilt(build.Id, build.Baskets, build.Pairs);
        }
        return clock.Today;
    }

    protected override void Failed(Exception exception) => LogFailed(exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recommendations: build {Id} from {Baskets} baskets, {Pairs} product pairs.")]
    private partial void LogBuilt(int id, int baskets, int pairs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recommendation build failed; it is tried again within the hour.")]
    private partial void LogFailed(Exception exception);
}
