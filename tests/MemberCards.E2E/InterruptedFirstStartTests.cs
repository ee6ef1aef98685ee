using System.Globalization;
using Microsoft.Data.Sqlite;

namespace MemberCards.E2E;

/// <summary>
/// A new user starts the app for the first time and stops it (Ctrl+C, a kill, a power cut) while it fills the demo
/// data. Whenever that happens, the next start must end with exactly what an uninterrupted first start gives.
/// </summary>
public sealed class InterruptedFirstStartTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    // Half the default demo's purchases (the fill takes a few seconds), the same seed every run.
    private static readonly Dictionary<string, string> Demo = new()
    {
        ["MemberCards__DemoData__Members"] = "400",
        ["MemberCards__DemoData__Purchases"] = "30000",
    };

    private static readonly string[] Tables =
        ["Members", "Products", "Purchases", "PurchaseLines", "AspNetUsers", "AspNetUserRoles", "AspNetRoles"];

    private readonly TempFolder _folder = new();

    public static TheoryData<string, int> KillPoints => new()
    {
        // The log line the kill waits for, then how long after it: the kill point is the test's input, not a wait.
        { "Applying", 0 },
        { "Generating demo data", 0 },
        { "Generating demo data", 200 },
        { "Generating demo data", 600 },
        { "Generating demo data", 1500 },
    };

    [Theory]
    [MemberData(nameof(KillPoints))]
    public async Task A_first_start_killed_during_set_up_is_completed_by_the_next_start(string line, int millisecondsAfter)
    {
        var expected = await UninterruptedAsync();
        var path = _folder.File($"killed-{line.Length}-{millisecondsAfter}.db");

        await using (var first = AppProcess.Start(SqliteFile.ConnectionString(path), Demo))
        {
            await first.WaitForLineAsync(line).WaitAsync(StartTimeout, TestContext.Current.CancellationToken);
            await Task.Delay(TimeSpan.FromMilliseconds(millisecondsAfter), TestContext.Current.CancellationToken);
            await first.KillAsync();
            if (millisecondsAfter <= 600)
            {
                Assert.DoesNotContain("Demo data complete", first.Output, StringComparison.Ordinal);
            }
        }
        await using (var second = AppProcess.Start(SqliteFile.ConnectionString(path), Demo))
        {
            await second.WaitUntilListeningAsync(StartTimeout);
            await second.KillAsync();
        }

        var actual = await CountsAsync(path);
        Assert.True(expected.SequenceEqual(actual), "Differs from an uninterrupted start: "
            + string.Join(", ", expected.Where(e => actual.GetValueOrDefault(e.Key) != e.Value).Select(e => $"{e.Key} {actual.GetValueOrDefault(e.Key)} instead of {e.Value}")));
        await using var check = AppProcess.Start(SqliteFile.ConnectionString(path), Demo, [FiguresCheck]);
        var exitCode = await check.WaitForExitAsync(StartTimeout);
        Assert.True(exitCode == 0, check.Output);
        Assert.Contains("Every figure equals what the purchases give.", check.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private const string FiguresCheck = "check-figures";

    private static readonly SemaphoreSlim BaselineLock = new(1, 1);
    private static IReadOnlyDictionary<string, long>? _baseline;

    /// <summary>What a first start that nobody stops leaves behind (made once for the whole class).</summary>
    private async Task<IReadOnlyDictionary<string, long>> UninterruptedAsync()
    {
        await BaselineLock.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (_baseline is null)
            {
                var path = _folder.File("uninterrupted.db");
                await using (var app = AppProcess.Start(SqliteFile.ConnectionString(path), Demo))
                {
                    await app.WaitUntilListeningAsync(StartTimeout);
                    Assert.Contains("Demo data complete", app.Output, StringComparison.Ordinal);
                    await app.KillAsync();
                }
                _baseline = await CountsAsync(path);
                Assert.True(_baseline["Purchases"] > 25_000, "The uninterrupted start filled too little.");
            }
            return _baseline;
        }
        finally
        {
            BaselineLock.Release();
        }
    }

    /// <summary>Row counts of the tables the set-up writes, and how many purchases it voided.</summary>
    private static async Task<IReadOnlyDictionary<string, long>> CountsAsync(string path)
    {
        await using var connection = new SqliteConnection(SqliteFile.ConnectionString(path));
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (name, sql) in Tables.Select(t => (t, $"""SELECT COUNT(*) FROM "{t}" """))
            // The demo's purchases follow the clock (none after "now"; the day's busy hours fill while the test runs),
            // so two starts a minute apart may sell other things for other amounts: sums and the audit entries that
            // follow them are not compared; the figures check after the second start ties every figure to its source.
            .Append(("voided", """SELECT COUNT(*) FROM "Purchases" WHERE "VoidedAt" IS NOT NULL""")))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            counts[name] = Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), CultureInfo.InvariantCulture);
        }
        return counts;
    }
}
