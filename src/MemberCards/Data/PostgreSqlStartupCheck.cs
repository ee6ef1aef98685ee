using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MemberCards.Data;

/// <summary>The PostgreSQL server's checks: the connection string parses, the server answers, lets the user in, has the database, is 15 or newer.</summary>
public static class PostgreSqlStartupCheck
{
    public static readonly Version MinimumServer = new(15, 0);

    public static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Database} on {builder.Host}:{builder.Port}";
    }

    public static Task<string?> CheckAsync(string connectionString, ILogger logger, CancellationToken cancellationToken) =>
        CheckAsync(connectionString, "ConnectionStrings:MemberCards", logger, cancellationToken);

    /// <param name="setting">Where the connection string was given, named in what to fix (the move names its --to).</param>
    public static async Task<string?> CheckAsync(string connectionString, string setting, ILogger logger, CancellationToken cancellationToken)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            return $"{setting} is not a valid PostgreSQL connection string ({e.Message}): write it as Host=…;Port=…;Database=…;Username=…;Password=….";
        }
        if (string.IsNullOrEmpty(builder.Host) || string.IsNullOrEmpty(builder.Database))
        {
            return $"{setting} names no Host or no Database for PostgreSQL: write it as Host=…;Port=…;Database=…;Username=…;Password=….";
        }
        var server = $"{builder.Host}:{builder.Port}";
        // Pooling off: a refused connection must not stay in the pool the app uses afterwards.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification)
        {
            return $"PostgreSQL at {server} refused user {builder.Username} ({e.MessageText}): check Username and Password in {setting}.";
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            return $"PostgreSQL at {server} has no database {builder.Database}: create it (createdb -O {builder.Username} {builder.Database}) or fix Database in {setting}.";
        }
        catch (NpgsqlException e) when (e.InnerException is SocketException or TimeoutException || e is NpgsqlException { IsTransient: true })
        {
            return $"PostgreSQL at {server} cannot be reached ({(e.InnerException ?? e).Message}): start the server, or fix Host and Port in {setting}.";
        }
        catch (NpgsqlException e)
        {
            return $"PostgreSQL at {server} refused the connection ({e.Message}): check {setting}.";
        }
        logger.LogInformation("PostgreSQL {Version}, database {Database}", connection.PostgreSqlVersion, Describe(connectionString));
        if (connection.PostgreSqlVersion < MinimumServer)
        {
            return $"PostgreSQL {connection.PostgreSqlVersion} at {server} is older than {MinimumServer.Major}: upgrade the server to PostgreSQL 15 or newer.";
        }
        return null;
    }
}
