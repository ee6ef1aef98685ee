using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MemberCards.Api.Tests.Webhooks;

/// <summary>One POST as the receiver took it.</summary>
public sealed record WebhookArrival(string EventId, string Type, string Body, DateTime At, bool SignatureValid, int Answered);

/// <summary>
/// A webhook receiver on a loopback port (Kestrel): checks each signature with its own HMAC (not the app's code),
/// records every arrival, keeps the first of each event id as a receiver that drops repeats would, and answers
/// what <see cref="Answer"/> says for the n-th arrival of an event (200 unless told).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<WebhookArrival> _arrivals = new();
    private int _inFlight;

    private WebhookReceiver(WebApplication app, string secret)
    {
        _app = app;
        Secret = secret;
    }

    public string Secret { get; }

    public Uri Url { get; private set; } = null!;

    /// <summary>The status for the n-th arrival (1, 2, …) of one event id.</summary>
    public Func<int, int> Answer { get; set; } = _ => 200;

    /// <summary>How long each request is held before it is answered.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    public IReadOnlyList<WebhookArrival> Arrivals => [.. _arrivals];

    /// <summary>Event ids answered 2xx, each once: what a receiver that drops repeats by id keeps.</summary>
    public IReadOnlyDictionary<string, WebhookArrival> Accepted =>
        Arrivals.Where(a => a.Answered is >= 200 and < 300).GroupBy(a => a.EventId).ToDictionary(g => g.Key, g => g.First());

    public int InFlight => Volatile.Read(ref _inFlight);

    public static async Task<WebhookReceiver> StartAsync(string secret = "whsec_receiver_test_secret")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, secret);
        app.MapPost("/hook", receiver.TakeAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/hook");
        return receiver;
    }

    /// <summary>Waits until <paramref name="condition"/> holds; fails with what arrived when it doesn't in time.</summary>
    public async Task WaitUntilAsync(Func<WebhookReceiver, bool> condition, TimeSpan timeout, string what)
    {
        var until = DateTime.UtcNow + timeout;
        while (!condition(this))
        {
            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"{what} did not happen within {timeout.TotalSeconds:0} s; arrived: {string.Join(", ", Arrivals.Select(a => $"{a.Type}/{a.Answered}"))}");
            }
            await Task.Delay(50);
        }
    }

    private async Task<IResult> TakeAsync(HttpRequest request)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var id = request.Headers["X-MemberCards-Event-Id"].ToString();
            var valid = IsSigned(request.Headers["X-MemberCards-Timestamp"].ToString(), body, request.Headers["X-MemberCards-Signature"].ToString());
            var status = valid ? Answer(_arrivals.Count(a => a.EventId == id) + 1) : 401;
            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay);
            }
            _arrivals.Enqueue(new WebhookArrival(id, request.Headers["X-MemberCards-Event-Type"].ToString(), body, DateTime.UtcNow, valid, status));
            return Results.StatusCode(status);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private bool IsSigned(string timestamp, string body, string signature)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds) > 300)
        {
            return false;
        }
        var expected = "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
