using System.Net;
using MemberCards.ApiKeys;
using MemberCards.Data;
using MemberCards.E2E;
using MemberCards.Products;
using MemberCards.Webhooks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberCards.Api.Tests.Webhooks;

/// <summary>
/// At least once, nothing lost: the app is killed (SIGKILL) while the receiver holds requests open, and started again;
/// every purchase's event reaches the receiver, once by id after its dedupe, and every delivery ends delivered.
/// </summary>
public sealed class WebhookCrashTests : IAsyncDisposable
{
    private const int Purchases = 40;
    private readonly string _folder = Directory.CreateTempSubdirectory("membercards-webhooks-").FullName;

    private string DatabaseFile => Path.Combine(_folder, "membercards.db");

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["MemberCards__DemoData__Members"] = "20",
        ["MemberCards__DemoData__Purchases"] = "20",
        ["MemberCards__Api__RequestsPerSecond"] = "10000",
        ["MemberCards__Api__Burst"] = "10000",
        ["MemberCards__Webhooks__Lease"] = "00:00:02",
    };

    [Fact]
    public async Task Killed_mid_delivery_and_restarted_the_app_delivers_every_event_and_the_receiver_keeps_each_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Delay = TimeSpan.FromSeconds(1);
        var first = AppProcess.Start($"Data Source={DatabaseFile}", Settings);
        var address = await first.WaitUntilListeningAsync(AppProcess.StartTimeout);
        var (key, productId) = await SubscribeAsync(receiver);
        using var client = new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        var memberId = await ApiMemberAsync(client);

        List<int> recorded = [];
        for (var i = 0; i < Purchases; i++)
        {
            var answer = await client.PostAsync("/api/v1/purchases", new { memberId, lines = new[] { new { productId, quantity = 1 } } }, $"crash-{i}");
            Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
            recorded.Add((await answer.JsonAsync()).GetProperty("purchaseId").GetInt32());
        }
        await receiver.WaitUntilAsync(r => r.Accepted.Count >= 4 && r.InFlight > 0, TimeSpan.FromSeconds(30), "deliveries under way");
        var beforeKill = receiver.Accepted.Count;
        await first.KillAsync();
        await first.DisposeAsync();
        Assert.InRange(beforeKill, 1, Purchases - 1);

        await using var second = AppProcess.Start($"Data Source={DatabaseFile}", Settings);
        await second.WaitUntilListeningAsync(AppProcess.StartTimeout);
        await receiver.WaitUntilAsync(r => recorded.All(id => PurchaseIds(r).Contains(id)), TimeSpan.FromSeconds(90), "every purchase's event");

        var mine = receiver.Arrivals.Where(a => a.Answered == 200 && recorded.Contains(PurchaseOf(a))).ToList();
        Assert.All(receiver.Arrivals, a => Assert.True(a.SignatureValid));
        Assert.Equal(recorded.Order(), mine.GroupBy(a => a.EventId).Select(g => PurchaseOf(g.First())).Order());
        Assert.All(mine.GroupBy(PurchaseOf), byPurchase => Assert.Single(byPurchase.Select(a => a.EventId).Distinct()));
        TestContext.Current.SendDiagnosticMessage($"{beforeKill} of {Purchases} accepted before the kill; {mine.Count - Purchases} repeats dropped by id after the restart.");
        await using var services = Services();
        await using var db = await services.GetRequiredService<IDbContextFactory<MemberCardsDb>>().CreateDbContextAsync();
        await receiver.WaitUntilAsync(_ => db.WebhookDeliveries.All(d => d.Status == WebhookDeliveryStatus.Delivered), TimeSpan.FromSeconds(30), "every delivery recorded as delivered");
    }

    /// <summary>A subscription and an API key, made through the managers' services over the app's database and key ring.</summary>
    private async Task<(string Key, int ProductId)> SubscribeAsync(WebhookReceiver receiver)
    {
        await using var services = Services();
        using var scope = services.CreateScope();
        var subscription = await scope.ServiceProvider.GetRequiredService<WebhookService>()
            .CreateAsync(new NewWebhookSubscription(receiver.Url.ToString(), WebhookEventTypes.PurchaseRecorded, receiver.Secret), ApiApp.Manager, default);
        Assert.True(subscription.Succeeded);
        var key = await scope.ServiceProvider.GetRequiredService<ApiKeyService>()
            .CreateAsync("crash-till", ApiScopes.WriteMembers | ApiScopes.RecordPurchases, ApiApp.Manager, default);
        var products = await scope.ServiceProvider.GetRequiredService<ProductService>().ListAsync(ApiApp.Manager, default);
        return (key.Value!.Secret, products.First(p => p.IsActive).Id);
    }

    private ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new MemberCardsOptions()));
        services.AddSingleton(new WebhookTargets(AllowPrivate: true));
        services.AddMemberCards($"Data Source={DatabaseFile}");
        services.AddDataProtection().SetApplicationName("MemberCards").PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(_folder, "keys")));
        return services.BuildServiceProvider();
    }

    private static async Task<int> ApiMemberAsync(HttpClient client)
    {
        var created = await client.PostAsync("/api/v1/members", new { name = "Crash Test" }, Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.JsonAsync()).GetProperty("memberId").GetInt32();
    }

    private static int PurchaseOf(WebhookArrival arrival) =>
        System.Text.Json.JsonDocument.Parse(arrival.Body).RootElement.GetProperty("data").GetProperty("purchaseId").GetInt32();

    private static HashSet<int> PurchaseIds(WebhookReceiver receiver) => [.. receiver.Accepted.Values.Select(PurchaseOf)];

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
        return ValueTask.CompletedTask;
    }
}
