using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using MemberCards.Accounts;
using MemberCards.Webhooks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MemberCards.Benchmarks;

/// <summary>
/// "Webhook delivered after commit": a receiver on a loopback port (HttpListener) subscribed to purchase.recorded in
/// the app's file (the secret protected with the app's key ring beside it), purchases recorded through the API at a
/// steady rate, and for each event the time from its occurredAt (written in the purchase's transaction, just before
/// the commit) to its arrival. The app must run in Development: loopback receivers are refused elsewhere.
/// </summary>
public static class WebhookLoad
{
    public sealed record Result(int Recorded, int Arrived, double P50, double P95, double Max);

    public static async Task<Result> RunAsync(HttpClient client, string databaseFile, IReadOnlyList<int> members, IReadOnlyList<int> products, int perSecond, int seconds)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(products);
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/hook/");
        listener.Start();
        var delays = new ConcurrentDictionary<string, double>();
        using var stop = new CancellationTokenSource();
        var receiving = ReceiveAsync(listener, delays, stop.Token);
        await using var services = Services(databaseFile);
        var subscription = await services.GetRequiredService<WebhookService>().CreateAsync(
            new NewWebhookSubscription($"http://127.0.0.1:{port}/hook/", WebhookEventTypes.PurchaseRecorded), Access.System, CancellationToken.None);
        var recorded = 0;
        try
        {
            var interval = TimeSpan.FromSeconds(1.0 / perSecond);
            var clock = Stopwatch.StartNew();
            var calls = new List<Task>();
            for (var i = 0; i < perSecond * seconds; i++)
            {
                // Open loop: each purchase starts at its own time whatever the answers before it took.
                if (interval * i - clock.Elapsed is { Ticks: > 0 } wait)
                {
                    await Task.Delay(wait);
                }
                var n = i;
                calls.Add(Task.Run(async () =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/purchases")
                    {
                        Content = JsonContent.Create(new { memberId = members[n % members.Count], lines = new[] { new { productId = products[n % products.Count], quantity = 1 } } }),
                    };
                    request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
                    using var answer = await client.SendAsync(request);
                    if (answer.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref recorded);
                    }
                }));
            }
            await Task.WhenAll(calls);
            for (var waited = 0; waited < 100 && delays.Count < recorded; waited++)
            {
                await Task.Delay(100);
            }
        }
        finally
        {
            await services.GetRequiredService<WebhookService>().SetActiveAsync(subscription.Value!.Id, false, Access.System, CancellationToken.None);
            await stop.CancelAsync();
            listener.Stop();
            await receiving.ContinueWith(_ => { }, TaskScheduler.Default);
        }
        var sorted = delays.Values.Order().ToList();
        double At(double p) => sorted.Count == 0 ? 0 : sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];
        return new Result(recorded, sorted.Count, At(0.5), At(0.95), sorted.Count == 0 ? 0 : sorted[^1]);
    }

    private static async Task ReceiveAsync(HttpListener listener, ConcurrentDictionary<string, double> delays, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var context = await listener.GetContextAsync();
            var arrived = DateTimeOffset.UtcNow;
            // Each request on its own: the worker sends several at once, and a receiver taking them in turn would time itself.
            _ = Task.Run(async () =>
            {
                using (var reader = new StreamReader(context.Request.InputStream))
                {
                    var body = JsonDocument.Parse(await reader.ReadToEndAsync(stop)).RootElement;
                    var occurred = body.GetProperty("occurredAt").GetDateTimeOffset();
                    delays.TryAdd(body.GetProperty("id").GetString()!, (arrived - occurred).TotalMilliseconds);
                }
                context.Response.StatusCode = 204;
                context.Response.Close();
            }, stop);
        }
    }

    /// <summary>The app's services over its file, with its key ring (Development keeps it in "keys" beside the file).</summary>
    private static ServiceProvider Services(string databaseFile)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(Options.Create(new MemberCardsOptions()));
        services.AddSingleton(new WebhookTargets(AllowPrivate: true));
        services.AddMemberCards($"Data Source={databaseFile}");
        services.AddDataProtection().SetApplicationName("MemberCards")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Path.GetDirectoryName(databaseFile)!, "keys")));
        return services.BuildServiceProvider();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public static string Describe(Result r, int perSecond) => string.Create(CultureInfo.InvariantCulture,
        $"webhook delivered after commit ({perSecond} purchases/s): {r.Arrived:N0} of {r.Recorded:N0} arrived; delay p50 {r.P50:N0} ms, p95 {r.P95:N0} ms, max {r.Max:N0} ms");
}
