using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace MemberCards.Tests;

/// <summary>
/// The PostgreSQL server tests run against: the one MEMBERCARDS_TEST_POSTGRES names (a connection string whose
/// user may create databases; .ci/run sets it), or else a throwaway cluster started here from the installed
/// server binaries on a free local port, removed when the test process exits. Each test gets its own database.
/// </summary>
public sealed class PostgreSqlServer
{
    public const string Variable = "MEMBERCARDS_TEST_POSTGRES";

    private static readonly Lazy<Task<PostgreSqlServer>> Shared = new(() => Task.Run(StartAsync));

    private PostgreSqlServer(string connectionString) => ConnectionString = connectionString;

    /// <summary>Connects to the maintenance database; <see cref="For"/> points it at another one.</summary>
    public string ConnectionString { get; }

    public static Task<PostgreSqlServer> GetAsync() => Shared.Value;

    public string For(string database) => new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database }.ConnectionString;

    /// <summary>Creates an empty database (or a copy of <paramref name="template"/>) with a fresh name.</summary>
    public async Task<string> CreateDatabaseAsync(string? template = null)
    {
        var name = "membercards_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE DATABASE \"{name}\"" + (template is null ? "" : $" TEMPLATE \"{template}\""));
        return name;
    }

    public async Task DropDatabaseAsync(string name)
    {
        await using (var connection = new NpgsqlConnection(For(name)))
        {
            NpgsqlConnection.ClearPool(connection);
        }
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<PostgreSqlServer> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            return new PostgreSqlServer(new NpgsqlConnectionStringBuilder(given) { Database = "postgres" }.ConnectionString);
        }
        var bin = FindBinaries() ?? throw new InvalidOperationException(
            $"The PostgreSQL tests need a server: set {Variable} to a connection string (e.g. Host=127.0.0.1;Port=5432;Username=postgres;Password=…), "
            + "or install PostgreSQL 15 or newer (Debian: apt-get install -y postgresql) so they can start their own.");
        var folder = Path.Combine(Path.GetTempPath(), "membercards-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var port = FreePort();
        // initdb refuses to run as root: the cluster then belongs to the postgres user.
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", "postgres", folder);
        }
        async Task Pg(string tool, params string[] args) =>
            await (asRoot ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(bin, tool), .. args]) : RunAsync(Path.Combine(bin, tool), args));
        var data = Path.Combine(folder, "data");
        await Pg("initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
        await Pg("pg_ctl", "-D", data, "-l", Path.Combine(folder, "log"), "-w", "start",
            "-o", $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            Pg("pg_ctl", "-D", data, "-m", "immediate", "-w", "stop").GetAwaiter().GetResult();
            Directory.Delete(folder, recursive: true);
        };
        return new PostgreSqlServer($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres");
    }

    private static string? FindBinaries() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => (Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0, Bin: Path.Combine(d, "bin")))
                .Where(d => d.Version >= 15 && File.Exists(Path.Combine(d.Bin, "initdb")))
                .OrderByDescending(d => d.Version)
                .Select(d => d.Bin)
                .FirstOrDefault()
            : null;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}
