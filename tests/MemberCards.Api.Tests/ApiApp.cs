using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using MemberCards.Accounts;
using MemberCards.ApiKeys;
using MemberCards.Data;
using MemberCards.Products;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberCards.Api.Tests;

/// <summary>
/// The app as it runs (Program.cs, its middleware, migrations and a small demo fill) on Kestrel on a free loopback port,
/// over its own SQLite file. Tests call it over real HTTP with keys made through the managers' service.
/// </summary>
public class ApiApp : IAsyncLifetime
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly string _folder = Directory.CreateTempSubdirectory("membercards-api-").FullName;
    private WebApplicationFactory<Program>? _factory;

    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["MemberCards:Api:RequestsPerSecond"] = "10000",
        ["MemberCards:Api:Burst"] = "10000",
    };

    public IServiceProvider Services => _factory!.Services;

    public string DatabaseFile => Path.Combine(_folder, "membercards.db");

    public IReadOnlyList<ProductRow> Products { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        var settings = new Dictionary<string, string>(Settings)
        {
            ["ConnectionStrings:MemberCards"] = $"Data Source={DatabaseFile}",
            ["MemberCards:DemoData:Members"] = "30",
            ["MemberCards:DemoData:Purchases"] = "100",
        };
        _factory = new KestrelFactory(settings);
        _factory.StartServer();
        BaseAddress = new Uri(Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
            .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First());
        using var scope = Services.CreateScope();
        Products = [.. (await scope.ServiceProvider.GetRequiredService<ProductService>().ListAsync(Access.System, default)).Where(p => p.IsActive)];
    }

    /// <summary>A client on the app's real socket, without a key.</summary>
    public HttpClient Anonymous() => _factory!.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = BaseAddress });

    /// <summary>The address Kestrel listens on.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>A new key with the scopes (made by a manager, as on the page) and a client that sends it.</summary>
    public async Task<(HttpClient Client, CreatedApiKey Key)> ClientWithKeyAsync(ApiScopes scopes, string? name = null)
    {
        using var scope = Services.CreateScope();
        var created = await scope.ServiceProvider.GetRequiredService<ApiKeyService>()
            .CreateAsync(name ?? $"till-{Guid.NewGuid():N}"[..20], scopes, Manager, default);
        Assert.True(created.Succeeded);
        var client = Anonymous();
        client.DefaultRequestHeaders.Add("X-Api-Key", created.Value!.Secret);
        return (client, created.Value!);
    }

    public static System.Security.Claims.ClaimsPrincipal Manager => Access.System;

    public MemberCardsDb OpenDb() => Services.GetRequiredService<IDbContextFactory<MemberCardsDb>>().CreateDbContext();

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
        GC.SuppressFinalize(this);
    }
}

/// <summary>The app on Kestrel, on a free port of the loopback interface.</summary>
internal sealed class KestrelFactory : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string> _settings;

    public KestrelFactory(IReadOnlyDictionary<string, string> settings)
    {
        _settings = settings;
        UseKestrel(0);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}

/// <summary>Helpers to send the API's requests.</summary>
public static class ApiRequests
{
    public static async Task<HttpResponseMessage> PostAsync(this HttpClient client, string path, object body, string? idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: ApiApp.Json) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return await client.SendAsync(request);
    }

    /// <param name="expectContinue">Waits for the server's go-ahead before sending the body, so a body refused by its size is not sent at all.</param>
    public static async Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string path, string json, string? idempotencyKey = null, bool expectContinue = false)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, new MediaTypeHeaderValue("application/json")) };
        request.Headers.ExpectContinue = expectContinue;
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    /// <summary>The codes of a problem answer's errors, with their fields: "field:Code".</summary>
    public static async Task<IReadOnlyList<string>> ProblemCodesAsync(this HttpResponseMessage response)
    {
        var json = await response.JsonAsync();
        return [.. json.GetProperty("errors").EnumerateArray().Select(e => $"{e.GetProperty("field").GetString()}:{e.GetProperty("code").GetString()}")];
    }
}
