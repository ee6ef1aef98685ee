using MemberCards.Data;

namespace MemberCards.Web.Tests;

/// <summary>
/// The database of one component test: a SQLite file in a temp folder of its own, or in
/// MemberCards.Web.Tests.PostgreSql (the same test files, compiled with POSTGRESQL) a PostgreSQL database copied
/// from the service tests' migrated template (<c>PostgreSqlTemplate</c>, shared with MemberCards.Tests).
/// </summary>
public sealed class TestStore
{
    private readonly string _folder;
    private readonly string? _postgresDatabase;

    private TestStore(string folder, string connectionString, string? postgresDatabase)
    {
        (_folder, ConnectionString, _postgresDatabase) = (folder, connectionString, postgresDatabase);
        Provider = postgresDatabase is null ? DatabaseProvider.Sqlite : DatabaseProvider.PostgreSql;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <remarks>
    /// Synchronous because bUnit takes services only until the first one is resolved and a test's constructor
    /// cannot await: copying the template takes milliseconds (the first test also waits for the cluster to start).
    /// </remarks>
    public static TestStore Create()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "membercards-web-tests", Guid.NewGuid().ToString("N"))).FullName;
#if POSTGRESQL
        var name = MemberCards.Tests.PostgreSqlTemplate.CreateDatabaseAsync().GetAwaiter().GetResult();
        return new TestStore(folder, MemberCards.Tests.PostgreSqlServer.GetAsync().GetAwaiter().GetResult().For(name), name);
#else
        return new TestStore(folder, $"Data Source={Path.Combine(folder, "test.db")}", null);
#endif
    }

    public async Task RemoveAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
#if POSTGRESQL
        await (await MemberCards.Tests.PostgreSqlServer.GetAsync()).DropDatabaseAsync(_postgresDatabase!);
#else
        await Task.CompletedTask;
#endif
        Directory.Delete(_folder, recursive: true);
    }
}
