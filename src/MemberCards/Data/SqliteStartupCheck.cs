using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace MemberCards.Data;

/// <summary>The SQLite file's checks: its folder exists, it is writable, it is a sound database, the engine is recent.</summary>
public static class SqliteStartupCheck
{
    /// <summary>SQLite before 3.51.3 can corrupt a WAL database when it is reset (and has a security advisory).</summary>
    public static readonly Version MinimumEngine = new(3, 51, 3);

    public static string Describe(string connectionString) => Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);

    public static async Task<string?> CheckAsync(string connectionString, ILogger logger, CancellationToken cancellationToken)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var path = Path.GetFullPath(builder.DataSource);
        return CheckFile(path) ?? await CheckContentAsync(builder, path, logger, cancellationToken);
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

    private static async Task<string?> CheckContentAsync(SqliteConnectionStringBuilder builder, string path, ILogger logger, CancellationToken cancellationToken)
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
