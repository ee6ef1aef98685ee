using Microsoft.Data.Sqlite;

namespace MemberCards.E2E;

/// <summary>
/// A database the app cannot use stops it at start-up with one line saying what is wrong, and leaves the file as it was.
/// </summary>
public sealed class StartupCheckTests : IDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);
    private static readonly Dictionary<string, string> NoDemoData = new() { ["MemberCards__DemoData__Enabled"] = "false" };

    private readonly TempFolder _folder = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_file_that_is_not_a_database_stops_the_app_and_is_left_unchanged()
    {
        var path = _folder.File("membercards.db");
        var bytes = new byte[4096];
        new Random(42).NextBytes(bytes);
        await File.WriteAllBytesAsync(path, bytes, Cancellation);

        var stopped = await RunUntilExitAsync(path);

        stopped.AssertFailedWithOneLine($"The file {path} is not a Member Cards database or is damaged");
        Assert.Equal(bytes, await File.ReadAllBytesAsync(path, Cancellation));
    }

    [Fact]
    public async Task A_database_folder_that_does_not_exist_stops_the_app_and_is_not_created()
    {
        var missing = _folder.File("missing");

        var stopped = await RunUntilExitAsync(Path.Combine(missing, "membercards.db"));

        stopped.AssertFailedWithOneLine($"The database folder {missing} does not exist");
        Assert.False(Directory.Exists(missing), $"The app created {missing}.");
    }

    [Fact]
    public async Task A_read_only_database_file_stops_the_app_and_is_left_unchanged()
    {
        var path = _folder.File("membercards.db");
        await CreateDatabaseAsync(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var before = await File.ReadAllBytesAsync(path, Cancellation);

        var stopped = await RunUntilExitAsync(path);

        stopped.AssertFailedWithOneLine($"The database file {path} is read-only");
        Assert.Equal(before, await File.ReadAllBytesAsync(path, Cancellation));
    }

    [Fact]
    public async Task A_database_from_a_newer_version_of_the_app_stops_it()
    {
        var path = _folder.File("membercards.db");
        await using (var first = AppProcess.Start(SqliteFile.ConnectionString(path), NoDemoData))
        {
            await first.WaitUntilListeningAsync(AppProcess.StartTimeout);
        }
        await using (var connection = new SqliteConnection(SqliteFile.ConnectionString(path)))
        {
            await connection.OpenAsync(Cancellation);
            await using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
                VALUES ('99991231000000_FromTheFuture', '10.0.15');
                """;
            await insert.ExecuteNonQueryAsync(Cancellation);
        }

        var stopped = await RunUntilExitAsync(path);

        stopped.AssertFailedWithOneLine($"The database {path} has a newer schema than this version of Member Cards knows (99991231000000_FromTheFuture)");
    }

    // SQLite gives the journal (-wal, -shm) the database file's own mode.
    [Fact]
    public async Task A_new_database_and_the_key_folder_are_readable_by_the_app_user_only()
    {
        var path = _folder.File("membercards.db");
        await using (var app = AppProcess.Start(SqliteFile.ConnectionString(path), NoDemoData))
        {
            await app.WaitUntilListeningAsync(AppProcess.StartTimeout);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_folder.File("keys")));
        }
    }

    [Fact]
    public async Task A_database_other_users_can_read_stops_the_app_with_the_command_that_fixes_it_unless_set_to_warn()
    {
        var path = _folder.File("membercards.db");
        await using (var first = AppProcess.Start(SqliteFile.ConnectionString(path), NoDemoData))
        {
            await first.WaitUntilListeningAsync(AppProcess.StartTimeout);
        }
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var stopped = await RunUntilExitAsync(path);

        stopped.AssertFailedWithOneLine($"other users of this machine can read {path} (mode 644): make them the app user's only with `chmod 600` for a file");
        Assert.Contains("MemberCards:FilesReadableByOthers to Warn", stopped.Output, StringComparison.Ordinal);

        await using var warned = AppProcess.Start(SqliteFile.ConnectionString(path), new Dictionary<string, string>(NoDemoData) { ["MemberCards__FilesReadableByOthers"] = "Warn" });
        await warned.WaitUntilListeningAsync(AppProcess.StartTimeout);
        Assert.Contains($"Member Cards starts, but: other users of this machine can read {path} (mode 644)", warned.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private static async Task<Stopped> RunUntilExitAsync(string path)
    {
        await using var app = AppProcess.Start(SqliteFile.ConnectionString(path), NoDemoData);
        var exitCode = await app.WaitForExitAsync(ExitTimeout);
        return new Stopped(exitCode, app.Output);
    }

    private static async Task CreateDatabaseAsync(string path)
    {
        await using var connection = new SqliteConnection(SqliteFile.ConnectionString(path));
        await connection.OpenAsync(Cancellation);
        await using var create = connection.CreateCommand();
        create.CommandText = "CREATE TABLE Example (Id INTEGER PRIMARY KEY); INSERT INTO Example VALUES (1);";
        await create.ExecuteNonQueryAsync(Cancellation);
    }

    private sealed record Stopped(int ExitCode, string Output)
    {
        public void AssertFailedWithOneLine(string message)
        {
            var lines = Output.Split('\n').Count(line => line.Contains(message, StringComparison.Ordinal));
            var what = $"Exit code {ExitCode}, {lines} line(s) saying \"{message}\". The app's output:\n{Output}";
            Assert.True(ExitCode != 0, what);
            Assert.True(lines == 1, what);
            Assert.DoesNotContain("Unhandled exception", Output, StringComparison.OrdinalIgnoreCase);
        }
    }
}
