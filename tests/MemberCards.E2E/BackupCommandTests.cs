using MemberCards.Backups;
using Microsoft.Data.Sqlite;

namespace MemberCards.E2E;

/// <summary>
/// A shop owner backs up with the app's own command and restores after a mistake: the restore refuses to swap the
/// file under a running app, refuses a damaged file and one from a newer version without touching the database, and
/// otherwise puts the backup in place, keeps the replaced database aside and ends with the figures check clean.
/// </summary>
public sealed class BackupCommandTests : IDisposable
{
    private static readonly TimeSpan Timeout = AppProcess.StartTimeout;

    private static readonly Dictionary<string, string> Demo = new()
    {
        ["MemberCards__DemoData__Members"] = "200",
        ["MemberCards__DemoData__Purchases"] = "5000",
    };

    private readonly TempFolder _folder = new();

    [Fact]
    public async Task A_backup_restores_over_a_mistake_once_the_app_is_stopped_and_the_figures_check_is_clean()
    {
        var path = _folder.File("shop.db");
        await StartAndStopAsync(path);
        var backup = await BackUpAsync(path);
        var name = await FirstMemberNameAsync(path);

        await using (var running = AppProcess.Start(ConnectionString(path), Demo))
        {
            await running.WaitUntilListeningAsync(Timeout);
            var (refusedCode, refused) = await RunAsync(path, "restore", backup);
            Assert.Equal(1, refusedCode);
            Assert.Contains("The app is running on", refused, StringComparison.Ordinal);
            await running.KillAsync();
        }
        await ExecuteAsync(path, """UPDATE "Members" SET "Name" = 'Overwritten by mistake' WHERE "Id" = (SELECT MIN("Id") FROM "Members")""");

        var (code, output) = await RunAsync(path, "restore", backup);

        Assert.True(code == 0, output);
        Assert.Contains("Restored", output, StringComparison.Ordinal);
        Assert.Contains("Every figure equals what the purchases give.", output, StringComparison.Ordinal);
        Assert.Equal(name, await FirstMemberNameAsync(path));
        var aside = Assert.Single(Directory.GetFiles(_folder.Path, "shop.db.before-restore-*Z"));
        Assert.Equal("Overwritten by mistake", await FirstMemberNameAsync(aside));
    }

    [Fact]
    public async Task A_changed_backup_and_one_from_a_newer_version_are_refused_and_the_database_is_left_as_it_was()
    {
        var path = _folder.File("shop.db");
        await StartAndStopAsync(path);
        var backup = await BackUpAsync(path);
        var name = await FirstMemberNameAsync(path);

        var tampered = _folder.File("tampered.mcbackup");
        var bytes = await File.ReadAllBytesAsync(backup);
        bytes[bytes.Length / 2] ^= 0x40;
        await File.WriteAllBytesAsync(tampered, bytes);
        var (tamperedCode, tamperedOutput) = await RunAsync(path, "restore", tampered);
        Assert.Equal(1, tamperedCode);
        Assert.Contains("does not open with this backup key, or it was changed since it was made", tamperedOutput, StringComparison.Ordinal);

        var newer = await FromANewerVersionAsync(path);
        var (newerCode, newerOutput) = await RunAsync(path, "restore", newer);
        Assert.Equal(1, newerCode);
        Assert.Contains("comes from a newer version of Member Cards", newerOutput, StringComparison.Ordinal);

        Assert.Equal(name, await FirstMemberNameAsync(path));
        Assert.Empty(Directory.GetFiles(_folder.Path, "shop.db.before-restore-*"));
    }

    [Fact]
    public async Task A_backup_killed_half_way_leaves_no_file_named_as_a_backup_and_the_next_one_clears_what_it_left()
    {
        var path = _folder.File("shop.db");
        // The default demo's size: its backup takes long enough to be killed in the middle.
        await StartAndStopAsync(path, []);
        var backups = Path.Combine(_folder.Path, "backups");

        await using (var killed = AppProcess.Start(ConnectionString(path), Demo, ["backup"]))
        {
            // Killed as soon as it starts writing: the copy or the encrypted file is on disk under its temporary name.
            while (!killed.Output.Contains("Backup made", StringComparison.Ordinal)
                   && !(Directory.Exists(backups) && Directory.EnumerateFiles(backups, ".membercards-*").Any()))
            {
                await Task.Delay(5, TestContext.Current.CancellationToken);
            }
            await killed.KillAsync();
            if (killed.Output.Contains("Backup made", StringComparison.Ordinal))
            {
                Assert.Fail("The backup finished before the kill: nothing was interrupted.");
            }
        }
        Assert.Empty(Directory.GetFiles(backups, "membercards-*.mcbackup"));
        Assert.NotEmpty(Directory.GetFiles(backups, ".membercards-*"));

        var made = await BackUpAsync(path);

        Assert.Empty(Directory.GetFiles(backups, ".membercards-*"));
        var (code, output) = await RunAsync(path, "check-figures");
        Assert.True(code == 0, output);
        Assert.EndsWith(".mcbackup", made, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private static string ConnectionString(string path) => $"Data Source={path}";

    private static async Task StartAndStopAsync(string path, Dictionary<string, string>? demo = null)
    {
        await using var app = AppProcess.Start(ConnectionString(path), demo ?? Demo);
        await app.WaitUntilListeningAsync(Timeout);
        await app.KillAsync();
    }

    private async Task<string> BackUpAsync(string path)
    {
        var (code, output) = await RunAsync(path, "backup");
        Assert.True(code == 0, output);
        return Assert.Single(Directory.GetFiles(Path.Combine(_folder.Path, "backups"), "membercards-*.mcbackup"));
    }

    private static async Task<(int Code, string Output)> RunAsync(string path, params string[] arguments)
    {
        await using var command = AppProcess.Start(ConnectionString(path), Demo, arguments);
        var code = await command.WaitForExitAsync(Timeout);
        return (code, command.Output);
    }

    /// <summary>A backup, with this shop's key, of a copy of the database that a later version has migrated.</summary>
    private async Task<string> FromANewerVersionAsync(string path)
    {
        var copy = _folder.File("newer.db");
        await ExecuteAsync(path, "PRAGMA wal_checkpoint(TRUNCATE)");
        File.Copy(path, copy);
        await ExecuteAsync(copy, """INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ('99991231000000_FromTheFuture', '11.0.0')""");
        var newer = _folder.File("newer.mcbackup");
        await using (var source = File.OpenRead(copy))
        await using (var output = File.Create(newer))
        {
            BackupFormat.Write(source, output, BackupKey.Resolve(new BackupOptions(), _folder.Path), "99991231000000_FromTheFuture");
        }
        return newer;
    }

    private static async Task ExecuteAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> FirstMemberNameAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Name" FROM "Members" ORDER BY "Id" LIMIT 1""";
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
