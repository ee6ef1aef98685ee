using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using MemberCards.Accounts;
using MemberCards.ApiKeys;
using MemberCards.Data;
using MemberCards.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MemberCards.Benchmarks;

/// <summary>
/// A load client for /api/v1 of a running app: it makes its own key in the app's SQLite file, reads card numbers and
/// products from it, then for a bounded time finds members by card number from several workers at once (requests per
/// second, latency) and records purchases (latency per request), then times webhooks from commit to a loopback receiver (<see cref="WebhookLoad"/>).
/// </summary>
public static class ApiLoad
{
    public const string Usage = "usage: dotnet run -c Release --project tests/MemberCards.Benchmarks -- --api http://127.0.0.1:5000 --db PATH [--seconds 15] [--concurrency 8] [--record-concurrency 2] [--webhook-rate 50] (the app in Development for the webhook phase; --webhook-rate 0 skips it)";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        string? Value(string name) => args.Select((a, i) => (a, i)).Where(p => p.a == name && p.i + 1 < args.Count).Select(p => args[p.i + 1]).FirstOrDefault();
        if (Value("--api") is not { } api || Value("--db") is not { } db)
        {
            await output.WriteLineAsync(Usage);
            return 2;
        }
        var seconds = int.Parse(Value("--seconds") ?? "15", CultureInfo.InvariantCulture);
        var concurrency = int.Parse(Value("--concurrency") ?? "8", CultureInfo.InvariantCulture);
        var recordConcurrency = int.Parse(Value("--record-concurrency") ?? "2", CultureInfo.InvariantCulture);
        var webhookRate = int.Parse(Value("--webhook-rate") ?? "50", CultureInfo.InvariantCulture);

        var (secret, cards, members, products) = await PrepareAsync(Path.GetFullPath(db));
        using var client = new HttpClient { BaseAddress = new Uri(api) };
        client.DefaultRequestHeaders.Add("X-Api-Key", secret);

        var lookup = await RunForAsync(seconds, concurrency, async i =>
        {
            using var answer = await client.GetAsync($"/api/v1/members?q={cards[i % cards.Count]}");
            return answer.IsSuccessStatusCode;
        });
        var record = await RunForAsync(seconds, recordConcurrency, async i =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/purchases")
            {
                Content = JsonContent.Create(new { memberId = members[i % members.Count], lines = new[] { new { productId = products[i % products.Count], quantity = 1 + (i % 3) } } }),
            };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var answer = await client.SendAsync(request);
            return answer.IsSuccessStatusCode;
        });

        var webhooks = webhookRate > 0 ? await WebhookLoad.RunAsync(client, Path.GetFullPath(db), members, products, webhookRate, seconds) : null;

        var load = File.Exists("/proc/loadavg") ? (await File.ReadAllTextAsync("/proc/loadavg")).Trim() : "n/a";
        await output.WriteLineAsync($"{"operation",-46} {"requests",9} {"failed",7} {"req/s",9} {"p50",9} {"p95",9}");
        Write(output, $"member lookup by card number ({concurrency} workers)", lookup);
        Write(output, $"record a purchase ({recordConcurrency} workers)", record);
        if (webhooks is not null)
        {
            await output.WriteLineAsync(WebhookLoad.Describe(webhooks, webhookRate));
        }
        await output.WriteLineAsync($"load average after the run: {load}; {Environment.ProcessorCount} cores");
        return 0;
    }

    private static void Write(TextWriter output, string name, LoadResult r) => output.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-46} {r.Count,9:N0} {r.Failed,7:N0} {r.Count / r.Elapsed.TotalSeconds,9:N0} {r.P50,6:N1} ms {r.P95,6:N1} ms"));

    private sealed record LoadResult(int Count, int Failed, TimeSpan Elapsed, double P50, double P95);

    private static async Task<LoadResult> RunForAsync(int seconds, int workers, Func<int, Task<bool>> call)
    {
        // One warm-up round so the first requests' JIT and connection setup are not timed.
        for (var i = 0; i < 20; i++)
        {
            await call(i);
        }
        var latencies = new List<double>();
        var failed = 0;
        var next = 0;
        var clock = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            while (clock.Elapsed < until)
            {
                var started = clock.Elapsed;
                var ok = await call(Interlocked.Increment(ref next));
                var took = (clock.Elapsed - started).TotalMilliseconds;
                lock (latencies)
                {
                    latencies.Add(took);
                    failed += ok ? 0 : 1;
                }
            }
        }));
        var elapsed = clock.Elapsed;
        latencies.Sort();
        double At(double p) => latencies.Count == 0 ? 0 : latencies[Math.Max(0, (int)Math.Ceiling(p * latencies.Count) - 1)];
        return new LoadResult(latencies.Count, failed, elapsed, At(0.5), At(0.95));
    }

    private static async Task<(string Secret, List<string> Cards, List<int> Members, List<int> Products)> PrepareAsync(string databaseFile)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMemberCards($"Data Source={databaseFile}");
        services.AddSingleton(Options.Create(new MemberCardsOptions()));
        await using var provider = services.BuildServiceProvider();
        var key = await provider.GetRequiredService<ApiKeyService>().CreateAsync($"load-{DateTime.UtcNow:yyyyMMddHHmmss}",
            ApiScopes.ReadMembers | ApiScopes.RecordPurchases, Access.System, CancellationToken.None);
        await using var db = await provider.GetRequiredService<IDbContextFactory<MemberCardsDb>>().CreateDbContextAsync();
        var active = await db.Members.AsNoTracking().Where(m => m.Status == MemberStatus.Active).OrderBy(m => m.Id).Take(2_000)
            .Select(m => new { m.Id, m.CardNumber }).ToListAsync();
        var products = await db.Products.AsNoTracking().Where(p => p.IsActive).Select(p => p.Id).ToListAsync();
        return (key.Value!.Secret, [.. active.Select(m => m.CardNumber)], [.. active.Select(m => m.Id)], products);
    }
}
