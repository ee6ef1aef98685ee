using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace MemberCards.Webhooks;

/// <summary>
/// The webhook HttpClient: a timeout per POST, one quick retry of a connection that failed before sending (a
/// transient network fault) — further retries are the worker's, persisted with backoff — and a connect step that
/// refuses private addresses a public name resolves to (outside Development).
/// </summary>
public static class WebhookHttp
{
    public const string ClientName = "webhooks";

    public static IServiceCollection AddWebhookHttp(this IServiceCollection services)
    {
        services.AddHttpClient(ClientName)
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectCallback = ConnectTo(provider.GetRequiredService<WebhookTargets>()),
            })
            .AddResilienceHandler("webhook-post", (pipeline, context) =>
            {
                var settings = context.ServiceProvider.GetRequiredService<IOptions<MemberCardsOptions>>().Value.Webhooks;
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 1,
                    Delay = TimeSpan.FromMilliseconds(200),
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is HttpRequestException { InnerException: SocketException }),
                });
                pipeline.AddTimeout(settings.Timeout);
            });
        return services;
    }

    private static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> ConnectTo(WebhookTargets targets) => async (context, cancellationToken) =>
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        var allowed = addresses.Where(targets.Allows).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException($"{context.DnsEndPoint.Host} resolves to no public address; webhooks go to public addresses only.");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    };
}
