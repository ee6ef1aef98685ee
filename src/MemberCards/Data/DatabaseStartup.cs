using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MemberCards.Data;

/// <summary>
/// Checks the database before anything writes to it, then applies migrations. The checks are the provider's own
/// (<see cref="SqliteStartupCheck"/>, <see cref="PostgreSqlStartupCheck"/>); a database migrated by a newer
/// version of the app is refused on both. Whatever is wrong is left untouched and reported in one line.
/// </summary>
public sealed class DatabaseStartup(
    IDbContextFactory<MemberCardsDb> dbFactory,
    ILogger<DatabaseStartup> logger,
    IDbContextFactory<DataProtectionKeysDb>? keysFactory = null)
{
    /// <summary>SQLite before 3.51.3 can corrupt a WAL database when it is reset (and has a security advisory).</summary>
    public static readonly Version MinimumEngine = SqliteStartupCheck.MinimumEngine;

    /// <summary>Returns null when the database is ready, else what is wrong and what to do.</summary>
    public async Task<string?> PrepareAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var connectionString = db.Database.GetConnectionString()!;
        var (problem, where) = db.Database.IsNpgsql()
            ? (await PostgreSqlStartupCheck.CheckAsync(connectionString, logger, cancellationToken), PostgreSqlStartupCheck.Describe(connectionString))
            : (await SqliteStartupCheck.CheckAsync(connectionString, logger, cancellationToken), SqliteStartupCheck.Describe(connectionString));
        if (problem is not null)
        {
            return problem;
        }
        if (keysFactory is null)
        {
            return await MigrateAsync(db, where, cancellationToken) ?? await BackfillAsync(db, cancellationToken);
        }
        await using var keys = await keysFactory.CreateDbContextAsync(cancellationToken);
        return await NewerSchemaAsync(keys, where, cancellationToken)
            ?? await MigrateAsync(db, where, cancellationToken)
            ?? await MigrateAsync(keys, where, cancellationToken)
            ?? await BackfillAsync(db, cancellationToken);
    }

    private async Task<string?> BackfillAsync(MemberCardsDb db, CancellationToken cancellationToken)
    {
        if (await PinyinBackfill.RunAsync(db, cancellationToken) is > 0 and var folded)
        {
            logger.LogInformation("Folded the pinyin of {Count} member name(s) written before pinyin search", folded);
        }
        return null;
    }

    public static bool IsSupportedEngine(string version) => SqliteStartupCheck.IsSupportedEngine(version);

    private async Task<string?> MigrateAsync(DbContext db, string where, CancellationToken cancellationToken)
    {
        if (await NewerSchemaAsync(db, where, cancellationToken) is { } newer)
        {
            return newer;
        }
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} database migration(s) to {Database}", pending.Count, where);
            await db.Database.MigrateAsync(cancellationToken);
        }
        return null;
    }

    private static async Task<string?> NewerSchemaAsync(DbContext db, string where, CancellationToken cancellationToken)
    {
        var known = db.Database.GetMigrations().ToHashSet();
        var unknown = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Where(m => !known.Contains(m)).ToList();
        return unknown.Count > 0
            ? $"The database {where} has a newer schema than this version of Member Cards knows ({unknown[^1]}): run the newer version, or restore a backup made for this one."
            : null;
    }
}
