using System.Globalization;
using Microsoft.Data.Sqlite;

namespace MemberCards.E2E;

/// <summary>A test's own look at an app's SQLite file, without pooling: its connections let go before the app opens it again.</summary>
public static class SqliteFile
{
    public static string ConnectionString(string path) => new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString;

    public static async Task<string> ScalarAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection(ConnectionString(path));
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), CultureInfo.InvariantCulture)!;
    }
}
