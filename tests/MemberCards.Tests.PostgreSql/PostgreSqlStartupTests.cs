using MemberCards.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MemberCards.Tests;

/// <summary>What the app says, in one line, when the PostgreSQL it is pointed at is not usable; nothing is written.</summary>
public sealed class PostgreSqlStartupTests
{
    [Fact]
    public async Task A_server_that_does_not_answer_is_named_with_what_to_fix()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var problem = await PrepareAsync($"Host=127.0.0.1;Port={port};Database=membercards;Username=postgres;Timeout=3");

        Assert.StartsWith($"PostgreSQL at 127.0.0.1:{port} cannot be reached", problem, StringComparison.Ordinal);
        Assert.Contains("start the server, or fix Host and Port", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_user_is_refused_with_what_to_fix()
    {
        var server = await PostgreSqlServer.GetAsync();

        var problem = await PrepareAsync(new NpgsqlConnectionStringBuilder(server.For("postgres")) { Username = "nobody_here", Password = "wrong" }.ConnectionString);

        Assert.Contains("refused user nobody_here", problem, StringComparison.Ordinal);
        Assert.Contains("check Username and Password", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_database_is_named_with_the_command_that_creates_it()
    {
        var server = await PostgreSqlServer.GetAsync();

        var problem = await PrepareAsync(server.For("no_such_database"));

        Assert.Contains("has no database no_such_database: create it (createdb", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_string_without_a_database_is_refused()
    {
        Assert.Contains("names no Host or no Database", await PrepareAsync(""), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_migrated_by_a_newer_version_is_refused_and_left_as_it_was()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using (var context = db.Open())
        {
            await context.Database.ExecuteSqlRawAsync("""INSERT INTO "__EFMigrationsHistory" VALUES ('29990101000000_FromTheFuture', '99.0.0')""");
        }

        var problem = await PrepareAsync(db.ConnectionString);

        Assert.Contains("has a newer schema than this version of Member Cards knows (29990101000000_FromTheFuture)", problem, StringComparison.Ordinal);
        await using var check = db.Open();
        Assert.Equal(0, await check.Members.CountAsync());
    }

    [Fact]
    public async Task An_empty_database_is_migrated_with_the_keys_table_beside_the_app_tables()
    {
        var server = await PostgreSqlServer.GetAsync();
        var name = await server.CreateDatabaseAsync();
        try
        {
            Assert.Null(await PrepareAsync(server.For(name)));

            await using var services = new ServiceCollection().AddLogging().AddMemberCards(server.For(name), DatabaseProvider.PostgreSql).BuildServiceProvider();
            await using var keys = await services.GetRequiredService<IDbContextFactory<DataProtectionKeysDb>>().CreateDbContextAsync();
            Assert.Equal(0, await keys.DataProtectionKeys.CountAsync());
            await using var db = await services.GetRequiredService<IDbContextFactory<MemberCardsDb>>().CreateDbContextAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }
        finally
        {
            await server.DropDatabaseAsync(name);
        }
    }

    private static async Task<string?> PrepareAsync(string connectionString)
    {
        await using var services = new ServiceCollection().AddLogging().AddMemberCards(connectionString, DatabaseProvider.PostgreSql).BuildServiceProvider();
        return await services.GetRequiredService<DatabaseStartup>().PrepareAsync(CancellationToken.None);
    }
}
