using System.Security.Cryptography;
using System.Text;
using OpenTelemetry.Metrics;

namespace MemberCards.Web;

/// <summary>
/// OpenTelemetry metrics for Prometheus at <c>/metrics</c>, only when <c>MemberCards:Metrics:Token</c> is set, and only
/// to a scraper that sends it (<c>Authorization: Bearer …</c>; 401 otherwise). The app's own meter
/// (<see cref="MemberCardsMetrics"/>: purchases, voids, top-ups, database command time) with ASP.NET Core's
/// requests, Kestrel's connections and Blazor's circuits. Without a token nothing is collected and the path is a page like any other.
/// </summary>
public static class MetricsEndpoint
{
    public const string TokenSetting = "MemberCards:Metrics:Token";
    private const string Path = "/metrics";

    public static IServiceCollection AddMemberCardsMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        if (!string.IsNullOrWhiteSpace(configuration[TokenSetting]))
        {
            services.AddOpenTelemetry().WithMetrics(metrics => metrics
                .AddMeter(MemberCardsMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel",
                    "Microsoft.AspNetCore.Components.Server.Circuits")
                // Each scrape reads the figures now (the exporter's default keeps an answer for 300 ms).
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        }
        return services;
    }

    public static void MapMemberCardsMetrics(this WebApplication app)
    {
        if (app.Configuration[TokenSetting] is not { Length: > 0 } token)
        {
            return;
        }
        var expected = Encoding.UTF8.GetBytes("Bearer " + token.Trim());
        app.MapPrometheusScrapingEndpoint(Path, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (context, next) =>
        {
            var sent = Encoding.UTF8.GetBytes(context.Request.Headers.Authorization.ToString());
            if (!CryptographicOperations.FixedTimeEquals(sent, expected))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await context.Response.WriteAsync($"Send the token of {TokenSetting} as \"Authorization: Bearer <token>\".");
                return;
            }
            await next(context);
        }), optionsName: null).AllowAnonymous();
    }
}
