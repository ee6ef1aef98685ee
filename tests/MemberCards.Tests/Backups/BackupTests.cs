using MemberCards.Accounts;
using MemberCards.Backups;
using MemberCards.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace MemberCards.Tests.Backups;

/// <summary>
/// Online backups of the SQLite database: checked, compressed, encrypted, thinned out; every damaged or foreign file
/// refused with what is wrong. On PostgreSQL the app makes none (pg_dump and point-in-time recovery do).
/// </summary>
public sealed class BackupTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    private BackupService Backups => _db.InScope<BackupService>();

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        if (_db.Provider == DatabaseProvider.Sqlite)
        {
            await _db.Get<DemoData>().GenerateAsync(new DemoDataOptions { Members = 120, Purchases = 3_000, Seed = 5 }, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task A_backup_restores_to_the_same_database_row_for_row_and_is_neither_readable_nor_plain()
    {
        if (await RefusedOnPostgreSqlAsync())
        {
            return;
        }
        var before = await TablesAsync(_db.FilePath);
        var made = await Backups.BackUpAsync(TestUsers.Manager, CancellationToken.None);

        Assert.True(made.Succeeded);
        Assert.Matches(@"^membercards-\d{8}T\d{6}Z\.mcbackup$", made.Value!.Name);
        var bytes = await File.ReadAllBytesAsync(made.Value.Path);
        Assert.False(bytes.AsSpan().IndexOf("SQLite format 3"u8) >= 0, "The backup holds the database in the clear.");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(made.Value.Path));
        var restored = await RestoreAsync(made.Value.Path, Key());
        Assert.True(bytes.Length < new FileInfo(restored).Length / 2, "The backup is not compressed.");
        Assert.Equal("ok", await SqliteBackup.IntegrityAsync(restored, CancellationToken.None));
        // Row for row as it was when the backup began (the backup's own audit entry comes after it).
        Assert.Equal(before, await TablesAsync(restored));
        Assert.Single(await Backups.ListAsync(TestUsers.Manager, CancellationToken.None));
    }

    [Fact]
    public async Task A_wrong_key_a_changed_byte_a_cut_copy_and_a_foreign_file_are_each_refused_for_what_they_are()
    {
        if (await RefusedOnPostgreSqlAsync())
        {
            return;
        }
        var made = (await Backups.BackUpAsync(TestUsers.Manager, CancellationToken.None)).Value!;
        var good = await File.ReadAllBytesAsync(made.Path);

        Assert.Equal(BackupProblem.WrongKeyOrTampered, Problem(good, new byte[BackupFormat.KeyBytes]));
        var tampered = (byte[])good.Clone();
        tampered[good.Length / 2] ^= 0x01;
        Assert.Equal(BackupProblem.WrongKeyOrTampered, Problem(tampered, Key()));
        Assert.Equal(BackupProblem.Truncated, Problem(good[..(good.Length - 5)], Key()));
        Assert.Equal(BackupProblem.NotABackup, Problem(await File.ReadAllBytesAsync(_db.FilePath), Key()));
        Assert.Equal(BackupProblem.NotABackup, Problem([], Key()));
    }

    [Fact]
    public void A_copy_cut_at_a_chunk_boundary_is_refused_as_cut_short()
    {
        // More than one chunk of compressed data: random bytes do not compress.
        var noise = System.Security.Cryptography.RandomNumberGenerator.GetBytes(3 << 20);
        using var written = new MemoryStream();
        BackupFormat.Write(new MemoryStream(noise), written, Key(), "schema");
        var whole = written.ToArray();
        using (var back = new MemoryStream())
        {
            BackupFormat.Read(new MemoryStream(whole), back, Key());
            Assert.Equal(noise, back.ToArray());
        }
        // Header, then chunks of [4-byte length][1 MiB][16-byte tag]: keep the header and the first chunk only.
        var headerLength = 8 + 1 + 2 + "schema".Length + 8;
        var firstChunkEnd = headerLength + 4 + (1 << 20) + 16;
        Assert.Equal(BackupProblem.Truncated, Problem(whole[..firstChunkEnd], Key()));
    }

    [Fact]
    public async Task A_folder_that_cannot_be_made_is_refused_with_its_path_and_leaves_no_file()
    {
        if (await RefusedOnPostgreSqlAsync())
        {
            return;
        }
        var blocker = Path.Combine(_db.Folder, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "a file where the folder should be");
        _db.Options.Backup.Folder = Path.Combine(blocker, "backups");

        var made = await Backups.BackUpAsync(TestUsers.Manager, CancellationToken.None);

        var error = Assert.Single(made.Errors);
        Assert.Equal(MessageCode.BackupFolderUnusable, error.Code);
        Assert.Equal(_db.Options.Backup.Folder, error.Args[0]);
    }

    [Fact]
    public async Task Old_backups_are_thinned_to_the_newest_of_each_recent_day_and_month()
    {
        if (await RefusedOnPostgreSqlAsync())
        {
            return;
        }
        (_db.Options.Backup.KeepDaily, _db.Options.Backup.KeepMonthly) = (2, 2);
        var start = TestDatabase.DefaultNow;
        DateTime[] times = [start.AddDays(-40), start.AddDays(-3), start.AddDays(-2), start.AddDays(-1).AddHours(-1), start.AddDays(-1), start];
        foreach (var at in times)
        {
            _db.Clock.UtcNow = at;
            Assert.True((await Backups.BackUpAsync(TestUsers.Manager, CancellationToken.None)).Succeeded);
        }

        var kept = (await Backups.ListAsync(TestUsers.Manager, CancellationToken.None)).Select(b => b.MadeAt).ToList();

        // Days: today and yesterday's later one; months: this month's newest (today) and last month's (40 days ago).
        Assert.Equal([start, start.AddDays(-1), start.AddDays(-40)], kept);
    }

    [Fact]
    public async Task Backups_are_overdue_two_periods_after_the_last_good_one_or_after_the_database_began_without_one()
    {
        if (await RefusedOnPostgreSqlAsync())
        {
            Assert.False(await Backups.IsOverdueAsync(CancellationToken.None));
            return;
        }
        _db.Clock.UtcNow = DateTime.UtcNow;
        Assert.False(await Backups.IsOverdueAsync(CancellationToken.None));
        _db.Clock.UtcNow = DateTime.UtcNow.AddDays(2.5);
        Assert.True(await Backups.IsOverdueAsync(CancellationToken.None));

        Assert.True((await Backups.BackUpAsync(TestUsers.Manager, CancellationToken.None)).Succeeded);
        Assert.False(await Backups.IsOverdueAsync(CancellationToken.None));
        _db.Clock.UtcNow = _db.Clock.UtcNow.AddDays(2.1);
        Assert.True(await Backups.IsOverdueAsync(CancellationToken.None));

        _db.Options.Backup.Every = TimeSpan.Zero;
        Assert.False(await Backups.IsOverdueAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_database_is_ready_when_it_answers_with_every_migration_and_not_when_it_does_not_answer()
    {
        Assert.Null(await _db.InScope<DatabaseReadiness>().ProblemAsync(CancellationToken.None));

        var unreachable = _db.Provider == DatabaseProvider.Sqlite
            ? $"Data Source={Path.Combine(_db.Folder, "no-such-folder", "shop.db")}"
            : "Host=127.0.0.1;Port=1;Username=postgres;Timeout=2";
        await using var services = new ServiceCollection()
            .AddSingleton(Microsoft.Extensions.Options.Options.Create(_db.Options))
            .AddLogging()
            .AddMemberCards(unreachable, _db.Provider)
            .BuildServiceProvider();
        var problem = await services.GetRequiredService<DatabaseReadiness>().ProblemAsync(CancellationToken.None);

        Assert.StartsWith("The database does not answer", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_managers_make_or_list_backups()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => Backups.BackUpAsync(TestUsers.Staff, CancellationToken.None));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Backups.ListAsync(TestUsers.Marketing, CancellationToken.None));
    }

    [Fact]
    public void A_configured_key_that_is_not_32_bytes_of_base64_is_refused_with_how_to_make_one()
    {
        var wrong = Assert.Throws<InvalidOperationException>(() => BackupKey.Resolve(new BackupOptions { Key = Convert.ToBase64String(new byte[16]) }, _db.Folder));
        Assert.Contains("openssl rand -base64 32", wrong.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => BackupKey.Resolve(new BackupOptions { Key = "not base64!" }, _db.Folder));
    }

    private async Task<bool> RefusedOnPostgreSqlAsync()
    {
        if (_db.Provider == DatabaseProvider.Sqlite)
        {
            return false;
        }
        var made = await Backups.BackUpAsync(TestUsers.Manager, CancellationToken.None);
        Assert.Equal(MessageCode.BackupNotForPostgreSql, Assert.Single(made.Errors).Code);
        Assert.Empty(await Backups.ListAsync(TestUsers.Manager, CancellationToken.None));
        return true;
    }

    private byte[] Key() => BackupKey.Resolve(_db.Options.Backup, _db.Folder);

    private static BackupProblem? Problem(byte[] file, byte[] key)
    {
        try
        {
            BackupFormat.Read(new MemoryStream(file), Stream.Null, key);
            return null;
        }
        catch (BackupUnreadableException exception)
        {
            return exception.Problem;
        }
    }

    private async Task<string> RestoreAsync(string backup, byte[] key)
    {
        var restored = Path.Combine(_db.Folder, "restored.db");
        await using var input = File.OpenRead(backup);
        await using var output = File.Create(restored);
        BackupFormat.Read(input, output, key);
        return restored;
    }

    /// <summary>Every table's rows, in rowid order, as text: two databases with equal output hold the same data.</summary>
    private static async Task<Dictionary<string, List<string>>> TablesAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        var rows = new Dictionary<string, List<string>>();
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            var found = new List<string>();
            while (await reader.ReadAsync())
            {
                found.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            }
            found.Sort(StringComparer.Ordinal);
            rows[table] = found;
        }
        Assert.True(rows["Members"].Count >= 100 && rows["Purchases"].Count >= 1_000, "The demo data did not fill the database.");
        return rows;
    }
}
