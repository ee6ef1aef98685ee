using MemberCards.Backups;
using MemberCards.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MemberCards.Web;

/// <summary>
/// For a load balancer or a monitor, without sign-in: <c>/health/live</c> answers while the process runs;
/// <c>/health/ready</c> is 503 unless the database answers with every migration applied, and says "Degraded"
/// (still 200: the shop keeps serving) when the last good backup is older than two backup periods.
/// </summary>
public static class HealthEndpoints
{
    private const string Ready = "ready";

    public static IServiceCollection AddMemberCardsHealth(this IServiceCollection services) =>
        services.AddHealthChecks()
            .AddCheck<DatabaseCheck>("database", tags: [Ready])
            .AddCheck<BackupCheck>("backup", tags: [Ready])
            .Services;

    public static void MapMemberCardsHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains(Ready) }).AllowAnonymous();
    }

    private sealed class DatabaseCheck(DatabaseReadiness readiness) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            await readiness.ProblemAsync(cancellationToken) is { } problem ? HealthCheckResult.Unhealthy(problem) : HealthCheckResult.Healthy();
    }

    private sealed class BackupCheck(BackupService backups) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            await backups.IsOverdueAsync(cancellationToken) ? HealthCheckResult.Degraded("The last good backup is older than two backup periods.") : HealthCheckResult.Healthy();
    }
}
