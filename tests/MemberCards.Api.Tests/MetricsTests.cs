using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using MemberCards.ApiKeys;

namespace MemberCards.Api.Tests;

/// <summary>
/// Prometheus reads /metrics with the configured token and nobody reads it without; a purchase recorded through the API
/// moves the purchases counter by one (the app's meter is one per process: the assembly runs one class at a time).
/// </summary>
public sealed partial class MetricsTests(MetricsTests.ScrapedApp app) : IClassFixture<MetricsTests.ScrapedApp>
{
    private const string Token = "scrape-token-for-the-tests-0123456789";

    public sealed class ScrapedApp : ApiApp
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["MemberCards:Api:RequestsPerSecond"] = "10000",
            ["MemberCards:Api:Burst"] = "10000",
            ["MemberCards:Metrics:Token"] = Token,
        };
    }

    [Fact]
    public async Task Without_the_token_or_with_another_the_metrics_are_refused_401()
    {
        using var none = app.Anonymous();
        using var wrong = app.Anonymous();
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token + "x");

        var unsent = await none.GetAsync("/metrics");
        var mistaken = await wrong.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Unauthorized, unsent.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, mistaken.StatusCode);
        Assert.DoesNotContain("membercards_", await mistaken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_purchase_recorded_through_the_API_adds_one_to_the_counter_and_requests_and_queries_are_timed()
    {
        var (client, _) = await app.ClientWithKeyAsync(ApiScopes.ReadMembers | ApiScopes.WriteMembers | ApiScopes.RecordPurchases);
        var (memberId, _, _) = await CheckoutApiTests.CreateMemberAsync(client);
        var before = Recorded(await ScrapeAsync());

        var recorded = await client.PostAsync("/api/v1/purchases", new { memberId, lines = new[] { new { productId = app.Products[0].Id, quantity = 1 } } }, Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var after = await ScrapeAsync();

        Assert.Equal(before + 1, Recorded(after));
        Assert.Contains("membercards_db_command_duration_seconds_bucket", after, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_bucket", after, StringComparison.Ordinal);
    }

    private async Task<string> ScrapeAsync()
    {
        using var scraper = app.Anonymous();
        scraper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var answer = await scraper.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return await answer.Content.ReadAsStringAsync();
    }

    private static long Recorded(string scraped) =>
        RecordedLine().Match(scraped) is { Success: true } line ? long.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^membercards_purchases_recorded_total(?:\{[^}]*\})? (\d+)", RegexOptions.Multiline)]
    private static partial Regex RecordedLine();
}
