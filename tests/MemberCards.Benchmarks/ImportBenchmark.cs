using System.Diagnostics;
using System.Globalization;
using System.Text;
using MemberCards.Accounts;
using MemberCards.Data;
using MemberCards.Import;
using MemberCards.Products;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MemberCards.Benchmarks;

/// <summary>
/// The import from another system at the issue's scale (<c>--import</c>, on SQLite): reading a CSV of
/// <see cref="BenchmarkOptions.Members"/> members with balances and points, its dry run and its commit (each ≤ 15 s
/// with the file's reading), then a purchase history of <see cref="BenchmarkOptions.Purchases"/> lines for them, read,
/// dry run and committed through the bulk posting (≥ 200,000 lines/s for the commit's lines).
/// </summary>
public sealed class ImportBenchmark(BenchmarkOptions options, TextWriter log)
{
    private const int LinesPerReceipt = 2;
    private readonly BenchmarkRun.FixedTime _time = new(BenchmarkRun.Now);

    public async Task<IReadOnlyList<OperationResult>> RunAsync(CancellationToken cancellationToken)
    {
        var path = options.DbPath ?? Path.Combine(Path.GetTempPath(), $"membercards-import-{Guid.NewGuid():N}.db");
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(new LoadLog(log)));
        services.AddMemberCards($"Data Source={path}", DatabaseProvider.Sqlite);
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton(Options.Create(new MemberCardsOptions { TimeZone = "America/New_York" }));
        await using var provider = services.BuildServiceProvider();
        try
        {
            var problem = await provider.GetRequiredService<DatabaseStartup>().PrepareAsync(cancellationToken);
            if (problem is not null)
            {
                throw new InvalidOperationException(problem);
            }
            var imports = provider.GetRequiredService<ImportService>();
            var results = new List<OperationResult>();
            var members = Encoding.UTF8.GetBytes(MembersCsv(options.Members));
            var (memberTable, _) = await TimeAsync(() => Task.FromResult(ImportFile.Read(members).Value!));
            var memberMapping = ImportFields.Detect(ImportKind.Members, memberTable.Headers);
            var (dryRun, dryRunTime) = await TimeAsync(() => imports.DryRunAsync(ImportFile.Read(members).Value!, memberMapping, new ImportOptions(), Access.System, cancellationToken));
            results.Add(Ms($"import dry run of {options.Members:N0} members with balances and points (file read included)", dryRunTime, dryRun.Value!.Created));
            var (commit, commitTime) = await TimeAsync(() => imports.CommitAsync(ImportFile.Read(members).Value!, memberMapping, new ImportOptions(), "members.csv", Access.System, null, cancellationToken));
            results.Add(Ms($"import commit of {options.Members:N0} members with balances and points (file read included)", commitTime, commit.Value!.Created));

            var products = provider.GetRequiredService<ProductService>();
            for (var p = 1; p <= 20; p++)
            {
                await products.AddAsync(new ProductInput($"Product {p}", "Coffee", 300 + (p * 25)), Access.System, cancellationToken);
            }
            var history = Encoding.UTF8.GetBytes(PurchasesCsv(options.Purchases, options.Members));
            var (historyTable, readTime) = await TimeAsync(() => Task.FromResult(ImportFile.Read(history).Value!));
            var historyMapping = ImportFields.Detect(ImportKind.Purchases, historyTable.Headers);
            var (historyDryRun, historyDryRunTime) = await TimeAsync(() => imports.DryRunAsync(historyTable, historyMapping, new ImportOptions(), Access.System, cancellationToken));
            var (loaded, loadTime) = await TimeAsync(() => imports.CommitAsync(historyTable, historyMapping, new ImportOptions(), "purchases.csv", Access.System, null, cancellationToken));
            if (!loaded.Succeeded || loaded.Value!.Refused > 0 || historyDryRun.Value!.Refused > 0)
            {
                throw new InvalidOperationException($"The purchase history was refused: {string.Join("; ", loaded.Errors.Select(e => e.Code))}");
            }
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"purchase history of {options.Purchases:N0} lines: file read {readTime.TotalSeconds:F1} s, dry run {historyDryRunTime.TotalSeconds:F1} s, commit {loadTime.TotalSeconds:F1} s"));
            results.Add(new OperationResult($"import commit of {options.Purchases:N0} purchase lines (lines/s)", options.Purchases, options.Purchases / loadTime.TotalSeconds,
                options.Purchases / loadTime.TotalSeconds, 200_000, "rows/s"));
            results.Add(new OperationResult($"import of {options.Purchases:N0} purchase lines, read + dry run + commit (lines/s)", options.Purchases,
                options.Purchases / (readTime + historyDryRunTime + loadTime).TotalSeconds, options.Purchases / (readTime + historyDryRunTime + loadTime).TotalSeconds, 200_000, "rows/s"));
            return results;
        }
        finally
        {
            if (!options.Keep)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (var file in new[] { path, path + "-wal", path + "-shm" })
                {
                    File.Delete(file);
                }
            }
        }
    }

    private static OperationResult Ms(string name, TimeSpan time, int rows) =>
        new($"{name} [{rows:N0} rows]", 1, time.TotalMilliseconds, time.TotalMilliseconds, 15_000, "ms");

    private static async Task<(T Value, TimeSpan Time)> TimeAsync<T>(Func<Task<T>> run)
    {
        var started = Stopwatch.GetTimestamp();
        var value = await run();
        return (value, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Members with a phone each (the history finds them by it), a balance, a bonus and points with their last day.</summary>
    private static string MembersCsv(int count)
    {
        var csv = new StringBuilder("姓名,手机号,余额,赠送余额,积分,积分有效期,入会日期\r\n");
        for (var i = 0; i < count; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"会员{i},139{i:D8},\"¥{i % 2_000:N0}.50\",{i % 100}元,{i % 3_000},2027-06-30,2024/{1 + (i % 12)}/{1 + (i % 28)}\r\n");
        }
        return csv.ToString();
    }

    /// <summary>Receipts of two lines each, in time order over the year before now, for members by phone.</summary>
    private static string PurchasesCsv(int lines, int members)
    {
        var csv = new StringBuilder("日期,手机号,单号,商品,数量,单价\r\n");
        var start = BenchmarkRun.Now.AddDays(-365);
        var receipts = lines / LinesPerReceipt;
        for (var r = 0; r < receipts; r++)
        {
            // Local times a day short of now at most: a store west of UTC must not see any in its future.
            var at = start.AddSeconds(r * (364.0 * 86_400 / receipts)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            var phone = $"139{(int)((r * 7_919L) % members):D8}";
            for (var l = 0; l < LinesPerReceipt; l++)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{at},{phone},R{r},Product {1 + ((r + l) % 20)},{1 + (l % 2)},\r\n");
            }
        }
        return csv.ToString();
    }
}
