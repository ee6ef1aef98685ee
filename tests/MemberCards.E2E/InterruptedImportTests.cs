using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace MemberCards.E2E;

/// <summary>
/// A manager imports a large members file from the command line (<c>import members FILE</c>) and the process is killed
/// (SIGKILL, a power cut) while the commit writes: the database is exactly as before, intact, and its figures agree.
/// </summary>
public sealed class InterruptedImportTests : IDisposable
{
    private static readonly Dictionary<string, string> Demo = new()
    {
        ["MemberCards__DemoData__Members"] = "100",
        ["MemberCards__DemoData__Purchases"] = "1000",
    };

    private static readonly string[] Tables = ["Members", "LedgerEntries", "PointsLots", "RetiredCards", "AuditEntries"];

    private readonly TempFolder _folder = new();

    [Theory]
    [InlineData(0)]
    [InlineData(400)]
    public async Task An_import_killed_during_its_commit_leaves_the_database_as_before_and_intact(int millisecondsAfter)
    {
        var path = _folder.File($"import-{millisecondsAfter}.db");
        await using (var first = AppProcess.Start(SqliteFile.ConnectionString(path), Demo))
        {
            await first.WaitUntilListeningAsync(AppProcess.StartTimeout);
            await first.KillAsync();
        }
        var before = await CountsAsync(path);
        var file = _folder.File("members.csv");
        await File.WriteAllTextAsync(file, MembersCsv(100_000), new UTF8Encoding(false), TestContext.Current.CancellationToken);

        await using (var import = AppProcess.Start(SqliteFile.ConnectionString(path), Demo, ["import", "members", file]))
        {
            await import.WaitForLineAsync("Writing the members import").WaitAsync(AppProcess.StartTimeout, TestContext.Current.CancellationToken);
            await Task.Delay(millisecondsAfter, TestContext.Current.CancellationToken);
            await import.KillAsync();
            Assert.DoesNotContain("Committed the members import", import.Output, StringComparison.Ordinal);
        }

        Assert.Equal(before, await CountsAsync(path));
        Assert.Equal("ok", await SqliteFile.ScalarAsync(path, "PRAGMA integrity_check"));
        await using var check = AppProcess.Start(SqliteFile.ConnectionString(path), Demo, ["check-figures"]);
        Assert.True(await check.WaitForExitAsync(AppProcess.StartTimeout) == 0, check.Output);
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>Members with balances and points under English headers, phones no demo member has (the demo's are 555 numbers).</summary>
    private static string MembersCsv(int count)
    {
        var csv = new StringBuilder("Name,Phone,Balance,Bonus,Points\r\n");
        for (var i = 0; i < count; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"Imported Member {i},139{i:D8},{i % 500}.50,{i % 50},{i % 1000}\r\n");
        }
        return csv.ToString();
    }

    private static async Task<IReadOnlyDictionary<string, string>> CountsAsync(string path)
    {
        var counts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in Tables)
        {
            counts[table] = await SqliteFile.ScalarAsync(path, $"""SELECT COUNT(*) FROM "{table}" """);
        }
        counts["balances"] = await SqliteFile.ScalarAsync(path, """SELECT COALESCE(SUM("PrincipalMinor" + "BonusMinor"), 0) || '/' || COALESCE(SUM("Points"), 0) FROM "Members" """);
        return counts;
    }
}
