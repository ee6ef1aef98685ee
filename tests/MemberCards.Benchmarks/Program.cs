using System.Globalization;
using System.Text.Json;
using MemberCards.Benchmarks;

if (args.Length > 0 && args[0] == "--api")
{
    return await ApiLoad.RunAsync(args, Console.Out);
}

BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

using var sql = options.SqlPath is null ? null : new SqlCapture();
var results = options.Import
    ? await new ImportBenchmark(options, Console.Out).RunAsync(CancellationToken.None)
    : await new BenchmarkRun(options, Console.Out).RunAsync(sql, CancellationToken.None);

Console.WriteLine();
Console.WriteLine($"{"operation",-50} {"n",9} {"p50",12} {"p95",12} {"target",12}  ok");
foreach (var r in results)
{
    var unit = r.Unit == "ms" ? " ms" : " /s";
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{r.Operation,-50} {r.N,9:N0} {r.P50,9:N1}{unit} {r.P95,9:N1}{unit} {(r.Unit == "ms" ? "≤ " : "≥ ") + r.Target.ToString("N0", CultureInfo.InvariantCulture) + unit,12}  {(r.Ok ? "yes" : "NO")}"));
}

if (options.JsonPath is not null)
{
    var json = results.ToDictionary(r => r.Operation, r => r.Unit == "ms"
        ? (object)new { p50_ms = Math.Round(r.P50, 2), p95_ms = Math.Round(r.P95, 2), n = r.N, target_ms = r.Target }
        : new { rows_per_second = Math.Round(r.P50), n = r.N, target_rows_per_second = r.Target });
    await File.WriteAllTextAsync(options.JsonPath, JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true }));
}
if (options.SqlPath is not null && sql is not null)
{
    await File.WriteAllLinesAsync(options.SqlPath, sql.ByOperation.SelectMany(o => new[] { $"-- {o.Key}" }.Concat(o.Value.Select(s => s + ";\n"))));
}
return 0;
