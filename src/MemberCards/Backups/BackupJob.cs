using MemberCards.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MemberCards.Backups;

/// <summary>
/// Makes a backup whenever the newest is older than <see cref="BackupOptions.Every"/> (checked hourly, the first time an
/// hour after start-up, so a start is never slowed by one), on SQLite only. Two instances cannot share a SQLite file, so one job per database.
/// </summary>
public sealed partial class BackupJob(IServiceScopeFactory scopes, IOptions<MemberCardsOptions> options, StoreClock clock, TimeProvider time, ILogger<BackupJob> logger)
    : BackgroundService
{
    private static readonly TimeSpan Check = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = options.Value.Backup.Every;
        if (every <= TimeSpan.Zero)
        {
            return;
        }
        using var timer = new PeriodicTimer(Check, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var backups = scope.ServiceProvider.GetRequiredService<BackupService>();
                if (await backups.LastGoodAtAsync(stoppingToken) is not { } last ? !await IsPostgreSqlAsync(scope.ServiceProvider, stoppingToken) : clock.UtcNow - last >= every)
                {
                    var made = await backups.BackUpAsync(Access.System, stoppingToken);
                    if (made.Succeeded)
                    {
                        LogMade(made.Value!.Name, made.Value.Bytes);
                    }
                    else
                    {
                        LogRefused(made.Errors[0].Code, string.Join(", ", made.Errors[0].Args));
                    }
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(exception);
            }
        }
    }

    private static async Task<bool> IsPostgreSqlAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var db = await services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Data.MemberCardsDb>>().CreateDbContextAsync(cancellationToken);
        return !Microsoft.EntityFrameworkCore.SqliteDatabaseFacadeExtensions.IsSqlite(db.Database);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup {File} made ({Bytes} bytes).")]
    private partial void LogMade(string file, long bytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "The scheduled backup was refused: {Code} {Detail}. It is tried again within the hour.")]
    private partial void LogRefused(MessageCode code, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "The scheduled backup failed; it is tried again within the hour.")]
    private partial void LogFailed(Exception exception);
}
