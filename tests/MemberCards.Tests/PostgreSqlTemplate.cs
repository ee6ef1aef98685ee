using MemberCards.Data;
using Microsoft.Extensions.DependencyInjection;

namespace MemberCards.Tests;

/// <summary>
/// A migrated PostgreSQL database per test, copied from one migrated template on <see cref="PostgreSqlServer"/>:
/// migrating takes a second or two, copying a migrated database a few milliseconds. Shared by the service and the
/// component suites on PostgreSQL.
/// </summary>
public static class PostgreSqlTemplate
{
    private static readonly Lazy<Task<string>> Template = new(() => Task.Run(CreateTemplateAsync));

    /// <summary>Creates a database of its own for a test, migrated, and returns its name.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var server = await PostgreSqlServer.GetAsync();
        return await server.CreateDatabaseAsync(template: await Template.Value);
    }

    private static async Task<string> CreateTemplateAsync()
    {
        var server = await PostgreSqlServer.GetAsync();
        var name = await server.CreateDatabaseAsync();
        await using (var services = new ServiceCollection().AddLogging().AddMemberCards(server.For(name), DatabaseProvider.PostgreSql).BuildServiceProvider())
        await using (var scope = services.CreateAsyncScope())
        {
            var problem = await scope.ServiceProvider.GetRequiredService<DatabaseStartup>().PrepareAsync(CancellationToken.None);
            if (problem is not null)
            {
                throw new InvalidOperationException(problem);
            }
        }
        await using (var connection = new Npgsql.NpgsqlConnection(server.For(name)))
        {
            // A template may have no open connections while it is copied.
            Npgsql.NpgsqlConnection.ClearPool(connection);
        }
        return name;
    }
}
