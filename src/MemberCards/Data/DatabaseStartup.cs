using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MemberCards.Data;

/// <summary>
/// Checks the database file before anything writes to it, then applies migrations. A file that is missing its
/// folder, read-only, not a database, or from a newer version of the app is left untouched and reported in one line.
/// </summary>
public sealed class DatabaseStartup(IDbContextFactory<MemberCardsDb> dbFactory, ILogger<DatabaseStartup> logger)
{
    /// <summary>SQLite before 3.51.3 can corrupt a WAL database when it is reset (and has a security advisory).</summary>
    public static readonly Version MinimumEngine = new(3, 51, 3);

    /// <summary>Returns null when the database is ready, else what is wrong and what to do.</summary>
    public async Task<string?> PrepareAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var builder = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
        var path = Path.GetFullPath(builder.DataSource);

        var problem = CheckFile(path) ?? await CheckContentAsync(builder, path, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var known = db.Database.GetMigrations().ToHashSet();
        var unknown = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Where(m => !known.Contains(m)).ToList();
        if (unknown.Count > 0)
        {
            return $"The database {path} has a newer schema than this version of Member Cards knows ({unknown[^1]}): run the newer version, or restore a backup made for this one.";
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} database migration(s) to {Path}", pending.Count, path);
            await db.Database.MigrateAsync(cancellationToken);
        }
        return null;
    }

    public static bool IsSupportedEngine(string version) =>
        Version.TryParse(version, out var parsed) && parsed >= MinimumEngine;

    private static string? CheckFile(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder))
        {
            return $"The database folder {folder} does not exist: create it, or point ConnectionStrings:MemberCards at an existing folder.";
        }
        if (!File.Exists(path))
        {
            return null;
        }
        // Checked by permission bits too: as root SQLite would happily write to a file its owner made read-only.
        if (new FileInfo(path).IsReadOnly || (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & UnixFileMode.UserWrite) == 0))
        {
            return $"The database file {path} is read-only: give the app's user write permission on it and on its folder.";
        }
        return null;
    }

    private async Task<string?> CheckContentAsync(SqliteConnectionStringBuilder builder, string path, CancellationToken cancellationToken)
    {
        var readOnly = new SqliteConnectionStringBuilder(builder.ConnectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        if (!File.Exists(path))
        {
            readOnly.Mode = SqliteOpenMode.Memory;
            readOnly.DataSource = ":memory:";
        }
        await using var connection = new SqliteConnection(readOnly.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            logger.LogInformation("SQLite engine {Version}, database {Path}", connection.ServerVersion, path);
            if (!IsSupportedEngine(connection.ServerVersion))
            {
                return $"SQLite {connection.ServerVersion} is older than {MinimumEngine}, which fixes a WAL corruption bug: update the Microsoft.EntityFrameworkCore.Sqlite package.";
            }
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA quick_check;";
            var verdict = (string?)await command.ExecuteScalarAsync(cancellationToken);
            return verdict == "ok" ? null : $"The database file {path} is damaged ({verdict}): restore it from a backup.";
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 11 or 26)
        {
            return $"The file {path} is not a Member Cards database or is damaged ({e.SqliteErrorCode switch { 26 => "not a database", _ => "corrupt" }}): restore it from a backup or point ConnectionStrings:MemberCards at another file.";
        }
    }
}
