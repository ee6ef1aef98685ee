using System.Net;
using MemberCards.ApiKeys;
using MemberCards.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberCards.Api.Tests;

/// <summary>Who may call, and what the API refuses before any service runs: keys, scopes, bodies, idempotency keys.</summary>
public sealed class ApiGuardTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task No_key_or_an_unknown_key_is_answered_401_with_a_problem()
    {
        using var anonymous = app.Anonymous();
        using var unknown = app.Anonymous();
        unknown.DefaultRequestHeaders.Add("X-Api-Key", "mck_" + new string('x', 43));

        var none = await anonymous.GetAsync("/api/v1/members?q=12");
        var wrong = await unknown.GetAsync("/api/v1/members?q=12");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal([":ApiKeyMissing"], await none.ProblemCodesAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal([":ApiKeyInvalid"], await wrong.ProblemCodesAsync());
    }

    [Fact]
    public async Task Without_a_metrics_token_configured_there_are_no_metrics_at_their_address()
    {
        using var anonymous = app.Anonymous();

        var answer = await anonymous.GetAsync("/metrics");

        Assert.Equal("text/html", answer.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("# TYPE", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_key_is_refused_from_its_next_request_on()
    {
        var (client, key) = await app.ClientWithKeyAsync(ApiScopes.ReadMembers);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/members?q=zz")).StatusCode);
        using (var scope = app.Services.CreateScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<ApiKeyService>().RevokeAsync(key.Id, ApiApp.Manager, default)).Succeeded);
        }

        var after = await client.GetAsync("/api/v1/members?q=zz");

        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal([":ApiKeyInvalid"], await after.ProblemCodesAsync());
    }

    [Fact]
    public async Task A_key_without_the_scope_is_refused_403_and_the_refusal_is_audited()
    {
        var (client, key) = await app.ClientWithKeyAsync(ApiScopes.ReadMembers, "Reader");

        var refused = await client.PostAsync("/api/v1/purchases", new { memberId = 1, lines = new[] { new { productId = 1, quantity = 1 } } }, "k1");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var codes = await refused.JsonAsync();
        Assert.Equal("ApiScopeMissing", codes.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal("purchases:write", codes.GetProperty("errors")[0].GetProperty("args")[0].GetString());
        await using var db = app.OpenDb();
        var keyId = key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.ApiKeyRefused && e.EntityId == keyId);
        Assert.Equal("api:Reader", entry.UserName);
        Assert.Contains("POST /api/v1/purchases", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bearer_key_works_as_the_header_does_and_a_key_opens_no_page()
    {
        var (withHeader, key) = await app.ClientWithKeyAsync(ApiScopes.ReadMembers);
        using var bearer = app.Anonymous();
        bearer.DefaultRequestHeaders.Authorization = new("Bearer", key.Secret);
        using var anonymous = app.Anonymous();

        var api = await bearer.GetAsync("/api/v1/members?q=zz");
        var pages = new[] { await bearer.GetAsync("/members"), await withHeader.GetAsync("/members"), await anonymous.GetAsync("/members") };

        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        var anonymousAnswer = await SignInOrElseAsync(pages[2]);
        Assert.Equal("sign-in", anonymousAnswer);
        Assert.Equal(anonymousAnswer, await SignInOrElseAsync(pages[0]));
        Assert.Equal(anonymousAnswer, await SignInOrElseAsync(pages[1]));
    }

    /// <summary>"sign-in" when the answer sends the visitor to the sign-in page (a redirect, or the page rendered as the sign-in form).</summary>
    private static async Task<string> SignInOrElseAsync(HttpResponseMessage page) =>
        page.Headers.Location?.ToString().Contains("/Account/Login", StringComparison.Ordinal) == true
        || (await page.Content.ReadAsStringAsync()).Contains("Input.Password", StringComparison.Ordinal) ? "sign-in" : $"{page.StatusCode}";

    [Fact]
    public async Task A_signed_in_cookie_does_not_authenticate_the_API()
    {
        using var browser = app.Anonymous();
        var login = await browser.GetStringAsync("/Account/Login");
        var token = System.Text.RegularExpressions.Regex.Match(login, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var signIn = await browser.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            // Staff: a manager's sign-in asks for a second factor first (the browser tests give it).
            ["Input.Email"] = "staff@demo.test",
            ["Input.Password"] = "demo-password-2026",
            ["__RequestVerificationToken"] = token,
        }));
        var signedInPage = await browser.GetAsync("/members");

        var api = await browser.GetAsync("/api/v1/members?q=zz");

        Assert.True(signedInPage.StatusCode == HttpStatusCode.OK, $"sign-in answered {signIn.StatusCode}, then /members {signedInPage.StatusCode}");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Theory]
    [InlineData("{\"memberId\": 1, \"lines\": [", "ApiBodyUnreadable")]
    [InlineData("{\"memberId\": 1, \"lines\": [], \"discount\": 5}", "ApiUnknownField")]
    [InlineData("{\"memberId\": 1, \"lines\": [{\"productId\": 1, \"quantity\": 1, \"unitPriceMinor\": 12.5}]}", "ApiNotWholeMinor")]
    [InlineData("{\"memberId\": 1, \"lines\": [{\"productId\": 1, \"quantity\": \"1\"}]}", "ApiNotWholeMinor")]
    public async Task A_body_the_API_cannot_read_exactly_is_refused_400_naming_the_field(string json, string code)
    {
        var (client, _) = await app.ClientWithKeyAsync(ApiScopes.RecordPurchases);

        var answer = await client.PostRawAsync("/api/v1/quotes", json);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var error = (await answer.JsonAsync()).GetProperty("errors")[0];
        Assert.Equal(code, error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_10_MB_body_is_refused_by_its_size()
    {
        var (client, _) = await app.ClientWithKeyAsync(ApiScopes.RecordPurchases);
        var huge = "{\"memberId\": 1, \"lines\": [], \"couponCodes\": [\"" + new string('a', 10 * 1024 * 1024) + "\"]}";

        var answer = await client.PostRawAsync("/api/v1/purchases", huge, "big", expectContinue: true);

        Assert.True(answer.StatusCode == HttpStatusCode.RequestEntityTooLarge, await answer.Content.ReadAsStringAsync());
        Assert.Equal([":ApiBodyTooLarge"], await answer.ProblemCodesAsync());
    }

    [Fact]
    public async Task A_write_without_an_idempotency_key_is_refused_and_records_nothing()
    {
        var (client, _) = await app.ClientWithKeyAsync(ApiScopes.RecordPurchases);
        await using var db = app.OpenDb();
        var before = await db.Purchases.CountAsync();

        var answer = await client.PostAsync("/api/v1/purchases", new { memberId = 1, lines = new[] { new { productId = app.Products[0].Id, quantity = 1 } } }, null);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal(["Idempotency-Key:ApiIdempotencyKeyMissing"], await answer.ProblemCodesAsync());
        Assert.Equal(before, await db.Purchases.CountAsync());
    }

    [Fact]
    public async Task Problems_speak_the_callers_language_and_unknown_addresses_are_problems_too()
    {
        using var chinese = app.Anonymous();
        chinese.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");

        var answer = await chinese.GetAsync("/api/v1/members");
        var nowhere = await chinese.GetAsync("/api/v1/nowhere");

        Assert.Contains("API 密钥", (await answer.JsonAsync()).GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, nowhere.StatusCode);
        Assert.Equal([":ApiNotFound"], await nowhere.ProblemCodesAsync());
    }

    [Fact]
    public async Task The_OpenAPI_document_and_the_reference_page_are_served_by_the_app_without_a_CDN()
    {
        using var client = app.Anonymous();

        var document = await client.GetStringAsync("/openapi/v1.json");
        var page = await client.GetStringAsync("/api/reference");
        var script = await client.GetAsync("/api/reference/scalar.js");

        Assert.Contains("/api/v1/purchases", document, StringComparison.Ordinal);
        Assert.Contains("RecordPurchase", document, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.True((await script.Content.ReadAsByteArrayAsync()).Length > 100_000);
    }
}

/// <summary>A key's requests beyond its rate are answered 429 with Retry-After, other keys unaffected.</summary>
public sealed class RateLimitTests(RateLimitTests.SlowApp app) : IClassFixture<RateLimitTests.SlowApp>
{
    public sealed class SlowApp : ApiApp
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["MemberCards:Api:RequestsPerSecond"] = "1",
            ["MemberCards:Api:Burst"] = "3",
        };
    }

    [Fact]
    public async Task Past_its_burst_a_key_gets_429_with_Retry_After_and_another_key_still_passes()
    {
        var (busy, _) = await app.ClientWithKeyAsync(ApiScopes.ReadMembers);
        var (quiet, _) = await app.ClientWithKeyAsync(ApiScopes.ReadMembers);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await busy.GetAsync("/api/v1/members?q=zz"));
        }
        var other = await quiet.GetAsync("/api/v1/members?q=zz");

        var limited = answers.Last();
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal([":ApiRateLimited"], await limited.ProblemCodesAsync());
        Assert.Equal(HttpStatusCode.OK, answers[0].StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}
