using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Data;

/// <summary>Whether the app can serve now: the database answers and has every migration this version knows (for /health/ready).</summary>
public sealed class DatabaseReadiness(IDbContextFactory<MemberCardsDb> dbFactory)
{
    /// <summary>Null when ready, else what is wrong, in words a load balancer's log can carry (no connection string, no data).</summary>
    public async Task<string?> ProblemAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return "The database does not answer.";
            }
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            return pending == 0 ? null : $"{pending} database migration(s) are not applied yet.";
        }
        catch (Exception exception) when (exception is DbException or InvalidOperationException or TimeoutException)
        {
            return $"The database does not answer ({exception.GetType().Name}).";
        }
    }
}
