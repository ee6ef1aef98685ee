using System.Net;

namespace MemberCards.E2E;

/// <summary>A load balancer asks the running app whether it lives and whether it can serve, without signing in; pages still need a sign-in.</summary>
[Collection(nameof(BrowserTests))]
public sealed class HealthTests(BrowserFixture app)
{
    [Fact]
    public async Task Health_answers_without_a_sign_in_and_a_page_still_asks_for_one()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };

        using var live = await client.GetAsync("/health/live", TestContext.Current.CancellationToken);
        using var ready = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        using var members = await client.GetAsync("/members", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.Redirect, members.StatusCode);
        Assert.Contains("/Account/Login", members.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
