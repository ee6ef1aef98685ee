using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MemberCards.Accounts;
using MemberCards.ApiKeys;
using MemberCards.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace MemberCards.E2E;

/// <summary>
/// Tills send a burst of purchases through the API and the app is killed (SIGKILL, a power cut) in the middle of it:
/// after the restart the file is intact, every purchase the app confirmed (201) is there, and the figures agree.
/// </summary>
public sealed class InterruptedPurchasesTests : IDisposable
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["MemberCards__DemoData__Members"] = "100",
        ["MemberCards__DemoData__Purchases"] = "1000",
        ["MemberCards__Api__RequestsPerSecond"] = "10000",
        ["MemberCards__Api__Burst"] = "10000",
    };

    private readonly TempFolder _folder = new();

    [Fact]
    public async Task A_burst_of_purchases_killed_half_way_keeps_every_confirmed_purchase_and_the_figures_agree()
    {
        var path = _folder.File("burst.db");
        var confirmed = new ConcurrentBag<int>();
        var sent = 0;
        await using (var app = AppProcess.Start(SqliteFile.ConnectionString(path), Settings))
        {
            var address = await app.WaitUntilListeningAsync(AppProcess.StartTimeout);
            var (secret, members, product) = await PrepareAsync(path);
            using var client = new HttpClient { BaseAddress = address };
            client.DefaultRequestHeaders.Add("X-Api-Key", secret);
            using var stop = new CancellationTokenSource();
            var tills = Enumerable.Range(0, 4).Select(till => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/purchases")
                    {
                        Content = JsonContent.Create(new { memberId = members[(till * 31 + i) % members.Count], lines = new[] { new { productId = product, quantity = 1 + i % 3 } } }),
                    };
                    request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
                    Interlocked.Increment(ref sent);
                    try
                    {
                        using var answer = await client.SendAsync(request, stop.Token);
                        if (answer.StatusCode == HttpStatusCode.Created)
                        {
                            using var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(stop.Token));
                            confirmed.Add(json.RootElement.GetProperty("purchaseId").GetInt32());
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                    {
                        return;
                    }
                }
            })).ToList();
            // Killed while the tills keep sending: some purchases are half written, some answered, some never sent.
            var deadline = DateTime.UtcNow.AddMinutes(1);
            while (confirmed.Count < 40 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }
            await app.KillAsync();
            await Task.WhenAll(tills);
            await stop.CancelAsync();
        }

        Assert.Equal("ok", await SqliteFile.ScalarAsync(path, "PRAGMA integrity_check"));
        var stored = await PurchaseIdsAsync(path);
        Assert.True(confirmed.Count >= 40 && sent > confirmed.Count, $"{sent} sent, {confirmed.Count} confirmed");
        Assert.DoesNotContain(confirmed, id => !stored.Contains(id));
        await using var check = AppProcess.Start(SqliteFile.ConnectionString(path), Settings, ["check-figures"]);
        Assert.True(await check.WaitForExitAsync(AppProcess.StartTimeout) == 0, check.Output);
    }

    public void Dispose() => _folder.Dispose();

    // A key for the tills (made by a manager, as on the page), the active members and an active product.
    private static async Task<(string Secret, IReadOnlyList<int> Members, int Product)> PrepareAsync(string path)
    {
        await using var services = AppServices.Over(SqliteFile.ConnectionString(path));
        var key = await services.GetRequiredService<ApiKeyService>().CreateAsync("Burst tills", ApiScopes.RecordPurchases, Access.System, CancellationToken.None);
        Assert.True(key.Succeeded);
        var members = (await ScalarsAsync(path, "SELECT Id FROM Members WHERE Status = 0 ORDER BY Id")).ToList();
        var product = (await ScalarsAsync(path, "SELECT Id FROM Products WHERE IsActive = 1 ORDER BY Id LIMIT 1")).Single();
        return (key.Value!.Secret, members, product);
    }

    private static async Task<HashSet<int>> PurchaseIdsAsync(string path) => [.. await ScalarsAsync(path, "SELECT Id FROM Purchases")];

    private static async Task<IEnumerable<int>> ScalarsAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection(SqliteFile.ConnectionString(path));
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var values = new List<int>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            values.Add(reader.GetInt32(0));
        }
        return values;
    }
}
