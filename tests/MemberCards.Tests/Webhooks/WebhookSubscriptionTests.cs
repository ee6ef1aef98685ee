using MemberCards.Accounts;
using MemberCards.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberCards.Tests.Webhooks;

/// <summary>Only managers subscribe; the URL must be absolute http(s) and public outside Development; the secret is kept encrypted.</summary>
public sealed class WebhookSubscriptionTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async ValueTask InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private WebhookService Webhooks => _db.Get<WebhookService>();

    [Theory]
    [InlineData("ftp://hooks.example.com/x", MessageCode.WebhookUrlInvalid)]
    [InlineData("hooks.example.com/x", MessageCode.WebhookUrlInvalid)]
    [InlineData("/relative", MessageCode.WebhookUrlInvalid)]
    [InlineData("", MessageCode.WebhookUrlInvalid)]
    [InlineData("http://127.0.0.1:5000/hook", MessageCode.WebhookUrlPrivate)]
    [InlineData("http://localhost/hook", MessageCode.WebhookUrlPrivate)]
    [InlineData("http://[::1]/hook", MessageCode.WebhookUrlPrivate)]
    [InlineData("http://192.168.1.20/hook", MessageCode.WebhookUrlPrivate)]
    [InlineData("http://10.0.0.5/hook", MessageCode.WebhookUrlPrivate)]
    [InlineData("http://172.20.0.1/hook", MessageCode.WebhookUrlPrivate)]
    public async Task A_url_that_is_not_absolute_http_or_is_private_is_refused_at_the_field(string url, MessageCode code)
    {
        var refused = await Webhooks.CreateAsync(new NewWebhookSubscription(url, WebhookEventTypes.PurchaseRecorded), TestUsers.Manager, default);

        var error = Assert.Single(refused.Errors);
        Assert.Equal((WebhookTargets.UrlField, code), (error.Field, error.Code));
    }

    [Fact]
    public async Task In_Development_a_receiver_on_this_machine_is_allowed()
    {
        await using var development = _db.NewInstance(services => services.AddSingleton(new WebhookTargets(AllowPrivate: true)));

        var created = await development.GetRequiredService<WebhookService>()
            .CreateAsync(new NewWebhookSubscription("http://127.0.0.1:5000/hook", WebhookEventTypes.PurchaseRecorded), TestUsers.Manager, default);

        Assert.True(created.Succeeded);
    }

    [Fact]
    public async Task Events_and_secret_are_checked_and_only_managers_subscribe()
    {
        var refused = await Webhooks.CreateAsync(new NewWebhookSubscription("https://hooks.example.com/x", WebhookEventTypes.None, "short"), TestUsers.Manager, default);

        Assert.Equal([(WebhookService.EventsField, MessageCode.WebhookEventsRequired), (WebhookService.SecretField, MessageCode.WebhookSecretLength)],
            refused.Errors.Select(e => (e.Field, e.Code)).ToArray());
        await Assert.ThrowsAsync<AccessDeniedException>(() => Webhooks.CreateAsync(new NewWebhookSubscription("https://hooks.example.com/x", WebhookEventTypes.PurchaseRecorded), TestUsers.Staff, default));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Webhooks.ListAsync(TestUsers.Marketing, default));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Webhooks.SetActiveAsync(1, false, TestUsers.Staff, default));
    }

    [Fact]
    public async Task The_secret_is_shown_once_and_stored_encrypted_but_usable_to_sign()
    {
        var made = (await Webhooks.CreateAsync(new NewWebhookSubscription(" https://hooks.example.com/x ", WebhookEventTypes.PurchaseRecorded), TestUsers.Manager, default)).Value!;
        var given = (await Webhooks.CreateAsync(new NewWebhookSubscription("https://hooks.example.com/y", WebhookEventTypes.PurchaseRecorded, "a secret the manager chose"), TestUsers.Manager, default)).Value!;

        await using var db = _db.Open();
        var stored = await db.WebhookSubscriptions.AsNoTracking().OrderBy(s => s.Id).ToListAsync();
        Assert.StartsWith("whsec_", made.Secret, StringComparison.Ordinal);
        Assert.Equal("a secret the manager chose", given.Secret);
        Assert.Equal("https://hooks.example.com/x", stored[0].Url);
        Assert.DoesNotContain(made.Secret, stored[0].ProtectedSecret, StringComparison.Ordinal);
        Assert.Equal(given.Secret, _db.Get<WebhookSecrets>().Unprotect(stored[1].ProtectedSecret));
        Assert.DoesNotContain(await db.AuditEntries.Select(e => e.Details ?? "").ToListAsync(), d => d.Contains(made.Secret, StringComparison.Ordinal));
    }

    [Fact]
    public void The_signature_is_the_hex_hmac_of_timestamp_dot_body_as_openssl_makes_it()
    {
        // printf '%s' '1767225600.{"id":1}' | openssl dgst -sha256 -hmac 'whsec_test' -hex
        const string openssl = "v1=c288d7ec0b1747de22e35fbdbabba9772c8e0d64b7db67e546bc92b86c005ab8";

        Assert.Equal(openssl, WebhookSignature.Sign("whsec_test", 1767225600, """{"id":1}"""));
        Assert.True(WebhookSignature.Verify("whsec_test", 1767225600, """{"id":1}""", openssl));
        Assert.False(WebhookSignature.Verify("whsec_test", 1767225601, """{"id":1}""", openssl));
    }
}
