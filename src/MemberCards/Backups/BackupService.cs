using System.Globalization;
using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Auditing;
using MemberCards.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberCards.Backups;

/// <summary>One backup file in the folder: when it was made (UTC, from its name) and its size.</summary>
public sealed record BackupInfo(string Path, DateTime MadeAt, long Bytes)
{
    public string Name => System.IO.Path.GetFileName(Path);
}

/// <summary>
/// Online backups of the SQLite database (<see cref="SqliteBackup.CopyToAsync"/>, the app keeps running): each copy is
/// checked (integrity_check), compressed and encrypted (<see cref="BackupFormat"/>), written under a temporary name and
/// renamed only when whole, so a file with a backup's name is always a good backup. Old ones are then thinned out:
/// the newest of each of the last <see cref="BackupOptions.KeepDaily"/> days and <see cref="BackupOptions.KeepMonthly"/>
/// months stay. PostgreSQL is backed up with its own tools (pg_dump, point-in-time recovery).
/// </summary>
public sealed class BackupService(IDbContextFactory<MemberCardsDb> dbFactory, IOptions<MemberCardsOptions> options, StoreClock clock)
{
    public const string Prefix = "membercards-";
    private const string NameTime = "yyyyMMdd'T'HHmmss'Z'";
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public async Task<Result<BackupInfo>> BackUpAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var by = Access.Require(user, Roles.Manager);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!db.Database.IsSqlite())
        {
            return Result<BackupInfo>.Refused("", MessageCode.BackupNotForPostgreSql);
        }
        var connectionString = db.Database.GetConnectionString()!;
        var databaseFolder = Path.GetDirectoryName(DatabaseFile(db))!;
        var folder = FolderFor(options.Value.Backup, databaseFolder);
        var key = BackupKey.Resolve(options.Value.Backup, databaseFolder);
        var schema = db.Database.GetMigrations().LastOrDefault() ?? "";
        await OneAtATime.WaitAsync(cancellationToken);
        try
        {
            try
            {
                OwnerOnlyFiles.CreateFolder(folder);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                return Result<BackupInfo>.Refused(nameof(BackupOptions.Folder), MessageCode.BackupFolderUnusable, folder);
            }
            // What a backup killed half way (power cut, kill -9) left behind — the copy, its journal, the partial file —
            // is named with a leading dot, never as a backup: only clutter, cleared before the next one.
            foreach (var left in Directory.EnumerateFiles(folder, "." + Prefix + "*"))
            {
                File.Delete(left);
            }
            var now = clock.UtcNow;
            var name = Prefix + now.ToString(NameTime, CultureInfo.InvariantCulture) + BackupFormat.Extension;
            var (copy, partial, final) = (Path.Combine(folder, "." + name + ".copy"), Path.Combine(folder, "." + name + ".partial"), Path.Combine(folder, name));
            try
            {
                await SqliteBackup.CopyToAsync(connectionString, copy, cancellationToken);
                if (await SqliteBackup.IntegrityAsync(copy, cancellationToken) is var integrity && integrity != "ok")
                {
                    return Result<BackupInfo>.Refused("", MessageCode.BackupCheckFailed, integrity);
                }
                await using (var source = File.OpenRead(copy))
                await using (var output = OwnerOnlyFiles.Create(partial))
                {
                    BackupFormat.Write(source, output, key, schema);
                    output.Flush(flushToDisk: true);
                }
                File.Move(partial, final);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or SqliteException)
            {
                return Result<BackupInfo>.Refused("", MessageCode.BackupWriteFailed, exception.Message);
            }
            finally
            {
                File.Delete(copy);
                File.Delete(partial);
            }
            var made = new BackupInfo(final, now, new FileInfo(final).Length);
            AuditLog.Add(db, now, by, AuditActions.BackupMade, "Backup", null, new { File = made.Name, made.Bytes });
            await db.SaveChangesAsync(cancellationToken);
            Thin(folder);
            return Result<BackupInfo>.Ok(made);
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    /// <summary>The backups in the folder, newest first (none on PostgreSQL).</summary>
    public async Task<IReadOnlyList<BackupInfo>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.Require(user, Roles.Manager);
        return await FolderAsync(cancellationToken) is { } folder ? Find(folder) : [];
    }

    /// <summary>When the newest good backup was made; null when there is none (or on PostgreSQL, where the app makes none).</summary>
    public async Task<DateTime?> LastGoodAtAsync(CancellationToken cancellationToken) =>
        await FolderAsync(cancellationToken) is { } folder ? Find(folder).FirstOrDefault()?.MadeAt : null;

    /// <summary>
    /// Whether backups are overdue: the newest is older than two of <see cref="BackupOptions.Every"/>, or there is none
    /// and the database file is older than that; never when they are off or on PostgreSQL.
    /// </summary>
    public async Task<bool> IsOverdueAsync(CancellationToken cancellationToken)
    {
        var every = options.Value.Backup.Every;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (every <= TimeSpan.Zero || !db.Database.IsSqlite())
        {
            return false;
        }
        var database = DatabaseFile(db);
        if (!File.Exists(database))
        {
            return false;
        }
        var since = Find(FolderFor(options.Value.Backup, Path.GetDirectoryName(database)!)).FirstOrDefault()?.MadeAt ?? File.GetCreationTimeUtc(database);
        return clock.UtcNow - since > 2 * every;
    }

    public static string FolderFor(BackupOptions backup, string databaseFolder)
    {
        ArgumentNullException.ThrowIfNull(backup);
        return Path.GetFullPath(string.IsNullOrWhiteSpace(backup.Folder) ? "backups" : backup.Folder, databaseFolder);
    }

    private async Task<string?> FolderAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return db.Database.IsSqlite()
            ? FolderFor(options.Value.Backup, Path.GetDirectoryName(DatabaseFile(db))!)
            : null;
    }

    private static string DatabaseFile(MemberCardsDb db) => new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;

    private static List<BackupInfo> Find(string folder) => !Directory.Exists(folder) ? []
        : [.. new DirectoryInfo(folder).EnumerateFiles(Prefix + "*" + BackupFormat.Extension)
            .Select(f => DateTime.TryParseExact(f.Name[Prefix.Length..^BackupFormat.Extension.Length], NameTime, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at) ? new BackupInfo(f.FullName, at, f.Length) : null)
            .OfType<BackupInfo>()
            .OrderByDescending(b => b.MadeAt)];

    /// <summary>Keeps the newest backup of each of the last KeepDaily store days and of each of the last KeepMonthly months; deletes the rest.</summary>
    private void Thin(string folder)
    {
        var all = Find(folder);
        var days = all.GroupBy(b => DateOnly.FromDateTime(clock.ToLocal(b.MadeAt))).Take(options.Value.Backup.KeepDaily).Select(g => g.First());
        var months = all.GroupBy(b => clock.ToLocal(b.MadeAt).ToString("yyyy-MM", CultureInfo.InvariantCulture)).Take(options.Value.Backup.KeepMonthly).Select(g => g.First());
        var kept = days.Concat(months).Select(b => b.Path).ToHashSet();
        foreach (var old in all.Where(b => !kept.Contains(b.Path)))
        {
            File.Delete(old.Path);
        }
    }
}
