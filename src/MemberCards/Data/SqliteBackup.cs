using Microsoft.Data.Sqlite;

namespace MemberCards.Data;

/// <summary>SQLite's side of a backup: an online copy of the open database, and checks of a database file.</summary>
public static class SqliteBackup
{
    /// <summary>
    /// Writes a consistent copy of the database to <paramref name="target"/> while the app runs: VACUUM INTO reads
    /// in one read transaction, so tills keep writing (WAL) and the copy holds every commit before it began.
    /// </summary>
    public static async Task CopyToAsync(string connectionString, string target, CancellationToken cancellationToken)
    {
        // VACUUM INTO writes into an empty file that exists: made first, so the plain copy is its owner's only.
        await OwnerOnlyFiles.Create(target).DisposeAsync();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "VACUUM INTO $target";
        command.Parameters.AddWithValue("$target", target);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>"ok", or what <c>PRAGMA integrity_check</c> found wrong in the file at <paramref name="path"/>.</summary>
    public static async Task<string> IntegrityAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = Open(path);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA integrity_check";
            command.CommandTimeout = 0;
            var found = new List<string>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                found.Add(reader.GetString(0));
            }
            return string.Join("; ", found);
        }
        catch (SqliteException exception)
        {
            return exception.Message;
        }
    }

    /// <summary>The last migration applied to the database file at <paramref name="path"/>, or "" for a file without any.</summary>
    public static async Task<string> LastMigrationAsync(string path, CancellationToken cancellationToken)
    {
        await using var connection = Open(path);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT COALESCE((SELECT MAX("MigrationId") FROM "__EFMigrationsHistory"), '')
            WHERE EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory')
            """;
        return await command.ExecuteScalarAsync(cancellationToken) as string ?? "";
    }

    // Read-only and unpooled: a checked file must not stay open once the check is done (it is moved or deleted next).
    private static SqliteConnection Open(string path) =>
        new(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
}
