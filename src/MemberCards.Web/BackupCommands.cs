using System.Globalization;
using MemberCards.Accounts;
using MemberCards.Backups;
using MemberCards.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberCards.Web;

/// <summary>
/// <c>backup</c>: makes a backup now (as the schedule would) and prints where. <c>restore FILE</c>: puts a backup in
/// place of the database — refused while the app runs on it, for a file that fails its checks or comes from a newer
/// version; the current database is kept aside, and the start then migrates the restored one and checks its figures.
/// </summary>
public static class BackupCommands
{
    public const string Backup = "backup";
    public const string Restore = "restore";

    /// <summary>Held by a running app, so a restore cannot swap the file under it (an advisory lock beside the database).</summary>
    public static FileStream? HoldDatabase(DataLocation database)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (database.FilePath is null)
        {
            return null;
        }
        try
        {
            return new FileStream(database.FilePath + ".running", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    public static async Task<int> BackUpAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var made = await scope.ServiceProvider.GetRequiredService<BackupService>().BackUpAsync(Access.System, app.Lifetime.ApplicationStopping);
        if (!made.Succeeded)
        {
            await Console.Error.WriteLineAsync($"No backup was made: {Say(made.Errors[0])}");
            return 1;
        }
        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Backup made: {made.Value!.Path} ({made.Value.Bytes:N0} bytes), checked and encrypted."));
        return 0;
    }

    /// <summary>Runs before the database is prepared; 0 when the restored file is in place (the caller then migrates and checks it).</summary>
    public static async Task<int> RestoreAsync(this WebApplication app, DataLocation database, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(args);
        var at = Array.IndexOf(args, Restore);
        if (at + 1 >= args.Length || database.FilePath is not { } target)
        {
            await Console.Error.WriteLineAsync(database.FilePath is null
                ? "restore is for the SQLite database; restore PostgreSQL with pg_restore or point-in-time recovery (README, \"Backups\")."
                : "Usage: restore FILE (a .mcbackup file made by this app).");
            return 2;
        }
        var file = Path.GetFullPath(args[at + 1]);
        using var held = HoldDatabase(database);
        if (held is null)
        {
            await Console.Error.WriteLineAsync($"The app is running on {target}: stop it first, then run restore again.");
            return 1;
        }
        var options = app.Services.GetRequiredService<IOptions<MemberCardsOptions>>().Value.Backup;
        var folder = Path.GetDirectoryName(target)!;
        var restoring = target + ".restoring";
        try
        {
            var key = BackupKey.Resolve(options, folder);
            string schema;
            await using (var input = File.OpenRead(file))
            await using (var output = OwnerOnlyFiles.Create(restoring, FileMode.Create))
            {
                schema = BackupFormat.Read(input, output, key);
            }
            if (await SqliteBackup.IntegrityAsync(restoring, app.Lifetime.ApplicationStopping) is var integrity && integrity != "ok")
            {
                await Console.Error.WriteLineAsync($"The backup's database fails its integrity check ({integrity}); nothing was changed.");
                return 1;
            }
            await using (var scope = app.Services.CreateAsyncScope())
            await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<MemberCardsDb>>().CreateDbContextAsync())
            {
                var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
                var last = await SqliteBackup.LastMigrationAsync(restoring, app.Lifetime.ApplicationStopping);
                if (last != schema || (last.Length > 0 && !known.Contains(last)))
                {
                    await Console.Error.WriteLineAsync($"The backup comes from a newer version of Member Cards (schema {last}): install that version or newer to restore it; nothing was changed.");
                    return 1;
                }
            }
            // A pooled connection still open on the file about to move aside would write to it, not to the restored one.
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var aside = $"{target}.before-restore-{DateTime.UtcNow:yyyyMMdd'T'HHmmss'Z'}";
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                if (File.Exists(target + suffix))
                {
                    File.Move(target + suffix, aside + suffix);
                }
            }
            File.Move(restoring, target);
            await Console.Out.WriteLineAsync($"Restored {file} over {target}; the database it replaced is kept as {aside}.");
            return 0;
        }
        catch (BackupUnreadableException exception)
        {
            await Console.Error.WriteLineAsync(exception.Problem switch
            {
                BackupProblem.WrongKeyOrTampered => $"{file} does not open with this backup key, or it was changed since it was made; nothing was changed.",
                BackupProblem.Truncated => $"{file} is cut short (an incomplete copy); nothing was changed.",
                _ => $"{file} is not a Member Cards backup; nothing was changed.",
            });
            return 1;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"Cannot restore {file}: {exception.Message}");
            return 1;
        }
        finally
        {
            File.Delete(restoring);
        }
    }

    private static string Say(FieldError error) => error.Code switch
    {
        MessageCode.BackupNotForPostgreSql => "PostgreSQL is backed up with pg_dump or point-in-time recovery (README, \"Backups\").",
        MessageCode.BackupFolderUnusable => $"the backup folder {error.Args[0]} cannot be created or written.",
        MessageCode.BackupCheckFailed => $"the copy failed its integrity check ({error.Args[0]}).",
        _ => $"the backup could not be written ({string.Join(", ", error.Args)}); no partial file was left.",
    };
}
