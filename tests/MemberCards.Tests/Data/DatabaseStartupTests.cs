using MemberCards.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.Data;

public sealed class DatabaseStartupTests
{
    [Fact]
    public async Task Migrations_build_the_whole_schema_on_an_empty_file()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var context = db.Open();

        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await context.Members.CountAsync());
        Assert.Equal(0, await context.Purchases.CountAsync());
        Assert.Equal(0, await context.PurchaseLines.CountAsync());
        Assert.Equal(0, await context.Products.CountAsync());
    }

    [Fact]
    public async Task Every_connection_runs_in_wal_mode_with_foreign_keys_on()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var context = db.Open();
        await context.Database.OpenConnectionAsync();
        var connection = context.Database.GetDbConnection();

        Assert.Equal("wal", await Pragma(connection, "journal_mode"));
        Assert.Equal(1L, await Pragma(connection, "foreign_keys"));
        Assert.Equal(1L, await Pragma(connection, "synchronous")); // NORMAL
        Assert.Equal(5000L, await Pragma(connection, "busy_timeout"));
    }

    [Fact]
    public void The_bundled_sqlite_engine_is_new_enough()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();

        Assert.True(DatabaseStartup.IsSupportedEngine(connection.ServerVersion), connection.ServerVersion);
    }

    [Theory]
    [InlineData("3.49.1", false)]
    [InlineData("3.51.2", false)]
    [InlineData("3.51.3", true)]
    [InlineData("3.53.3", true)]
    [InlineData("garbage", false)]
    public void Engines_before_3_51_3_are_refused(string version, bool supported) =>
        Assert.Equal(supported, DatabaseStartup.IsSupportedEngine(version));

    [Fact]
    public async Task A_file_that_is_not_a_database_is_reported_and_left_untouched()
    {
        await using var db = await TestDatabase.CreateAsync();
        var path = Path.Combine(db.Folder, "not-a-database.db");
        var bytes = Enumerable.Range(0, 8192).Select(i => (byte)(i * 31 % 251)).ToArray();
        await File.WriteAllBytesAsync(path, bytes);

        var problem = await StartupFor(path).PrepareAsync(CancellationToken.None);

        Assert.Contains("is not a Member Cards database or is damaged", problem, StringComparison.Ordinal);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task A_missing_folder_is_reported_and_not_created()
    {
        await using var db = await TestDatabase.CreateAsync();
        var folder = Path.Combine(db.Folder, "no-such-folder");

        var problem = await StartupFor(Path.Combine(folder, "membercards.db")).PrepareAsync(CancellationToken.None);

        Assert.Contains("does not exist", problem, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task A_database_in_rollback_journal_mode_starts_and_is_switched_to_wal()
    {
        // What a restored backup or a copy made by another tool is: EF Core's first, read-only look must not try to switch it.
        await using var db = await TestDatabase.CreateAsync();
        var copy = Path.Combine(db.Folder, "copied.db");
        await using (var source = new SqliteConnection($"Data Source={db.FilePath};Pooling=False"))
        {
            await source.OpenAsync();
            await using var vacuum = source.CreateCommand();
            vacuum.CommandText = $"VACUUM INTO '{copy}'";
            await vacuum.ExecuteNonQueryAsync();
        }
        await using (var check = new SqliteConnection($"Data Source={copy};Pooling=False"))
        {
            await check.OpenAsync();
            Assert.Equal("delete", await Pragma(check, "journal_mode"));
        }

        Assert.Null(await StartupFor(copy).PrepareAsync(CancellationToken.None));

        await using var after = new SqliteConnection($"Data Source={copy};Pooling=False");
        await after.OpenAsync();
        Assert.Equal("wal", await Pragma(after, "journal_mode"));
    }

    [Fact]
    public async Task A_read_only_file_is_reported_and_left_untouched()
    {
        await using var db = await TestDatabase.CreateAsync();
        SqliteConnection.ClearAllPools();
        var before = await File.ReadAllBytesAsync(db.FilePath);
        File.SetUnixFileMode(db.FilePath, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        try
        {
            var problem = await StartupFor(db.FilePath).PrepareAsync(CancellationToken.None);

            Assert.Contains("is read-only", problem, StringComparison.Ordinal);
            Assert.Equal(before, await File.ReadAllBytesAsync(db.FilePath));
        }
        finally
        {
            File.SetUnixFileMode(db.FilePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Fact]
    public async Task A_database_from_a_newer_version_is_refused_without_migrating()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using (var context = db.Open())
        {
            await context.Database.ExecuteSqlRawAsync(
                "INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ('99991231000000_FromTheFuture', '10.0.15')");
        }

        var problem = await db.Get<DatabaseStartup>().PrepareAsync(CancellationToken.None);

        Assert.Contains("newer schema", problem, StringComparison.Ordinal);
        Assert.Contains("99991231000000_FromTheFuture", problem, StringComparison.Ordinal);
    }

    private static DatabaseStartup StartupFor(string path)
    {
        var options = new DbContextOptionsBuilder<MemberCardsDb>().UseMemberCardsDatabase(DatabaseProvider.Sqlite, $"Data Source={path}").Options;
        return new DatabaseStartup(new SingleDbFactory(options), Microsoft.Extensions.Logging.Abstractions.NullLogger<DatabaseStartup>.Instance);
    }

    private static async Task<object?> Pragma(System.Data.Common.DbConnection connection, string name)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return await command.ExecuteScalarAsync();
    }

    private sealed class SingleDbFactory(DbContextOptions<MemberCardsDb> options) : IDbContextFactory<MemberCardsDb>
    {
        public MemberCardsDb CreateDbContext() => new(options);
    }
}
