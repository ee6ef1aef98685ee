using MemberCards.Accounts;
using MemberCards.ApiKeys;
using MemberCards.Auditing;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.ApiKeys;

/// <summary>Keys are stored hashed, found by their prefix, refused once revoked, and only managers handle them.</summary>
public sealed class ApiKeyServiceTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async ValueTask InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private ApiKeyService Keys => _db.Get<ApiKeyService>();

    [Fact]
    public async Task A_new_key_is_stored_as_its_hash_and_authenticates_with_its_scopes_and_roles()
    {
        var created = await Keys.CreateAsync(" Till 1 ", ApiScopes.ReadMembers | ApiScopes.RecordPurchases, TestUsers.Manager, default);

        var caller = await Keys.AuthenticateAsync(created.Value!.Secret, default);

        await using var db = _db.Open();
        var stored = await db.ApiKeys.SingleAsync();
        Assert.Equal("Till 1", stored.Name);
        Assert.Equal(created.Value.Secret[..ApiKeySecret.PrefixLength], stored.Prefix);
        Assert.Equal(ApiKeySecret.Hash(created.Value.Secret), stored.SecretHash);
        Assert.DoesNotContain(created.Value.Secret, await db.AuditEntries.Select(e => e.Details ?? "").SingleAsync(), StringComparison.Ordinal);
        Assert.Equal(new ApiCaller(stored.Id, "Till 1", ApiScopes.ReadMembers | ApiScopes.RecordPurchases), caller);
        var principal = caller!.ToPrincipal();
        Assert.Equal("api:Till 1", principal.Identity!.Name);
        Assert.True(principal.IsInRole(Roles.Staff));
        Assert.False(principal.IsInRole(Roles.Manager));
        Assert.Equal(_db.Clock.UtcNow, stored.LastUsedAt);
    }

    [Fact]
    public async Task A_wrong_secret_with_a_right_prefix_a_revoked_key_and_garbage_authenticate_nothing()
    {
        var secret = (await Keys.CreateAsync("Till 2", ApiScopes.ReadMembers, TestUsers.Manager, default)).Value!;
        var forged = secret.Secret[..ApiKeySecret.PrefixLength] + new string('A', secret.Secret.Length - ApiKeySecret.PrefixLength);

        Assert.Null(await Keys.AuthenticateAsync(forged, default));
        Assert.Null(await Keys.AuthenticateAsync("not a key", default));
        Assert.Null(await Keys.AuthenticateAsync(null, default));
        Assert.True((await Keys.RevokeAsync(secret.Id, TestUsers.Manager, default)).Succeeded);
        Assert.Null(await Keys.AuthenticateAsync(secret.Secret, default));
        Assert.Equal(MessageCode.ApiKeyNotFound, (await Keys.RevokeAsync(secret.Id, TestUsers.Manager, default)).Errors[0].Code);
        await using var db = _db.Open();
        Assert.Equal([AuditActions.ApiKeyCreated, AuditActions.ApiKeyRevoked], await db.AuditEntries.OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
    }

    [Fact]
    public async Task Names_and_scopes_are_checked_and_staff_may_not_make_keys()
    {
        await Keys.CreateAsync("Till", ApiScopes.ReadMembers, TestUsers.Manager, default);

        Assert.Equal(MessageCode.ApiKeyNameTaken, (await Keys.CreateAsync("Till", ApiScopes.ReadMembers, TestUsers.Manager, default)).Errors[0].Code);
        Assert.Equal(MessageCode.ApiKeyNameLength, (await Keys.CreateAsync("  ", ApiScopes.ReadMembers, TestUsers.Manager, default)).Errors[0].Code);
        Assert.Equal(MessageCode.ApiKeyScopesRequired, (await Keys.CreateAsync("Other", ApiScopes.None, TestUsers.Manager, default)).Errors[0].Code);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Keys.CreateAsync("Mine", ApiScopes.ReadMembers, TestUsers.Staff, default));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Keys.ListAsync(TestUsers.Staff, default));
    }

    [Fact]
    public async Task Last_use_is_written_at_most_once_a_minute()
    {
        var secret = (await Keys.CreateAsync("Busy till", ApiScopes.ReadMembers, TestUsers.Manager, default)).Value!.Secret;
        var first = _db.Clock.UtcNow;
        await Keys.AuthenticateAsync(secret, default);
        _db.Clock.UtcNow = first.AddSeconds(30);
        await Keys.AuthenticateAsync(secret, default);
        var afterHalfAMinute = (await Keys.ListAsync(TestUsers.Manager, default)).Single().LastUsedAt;
        _db.Clock.UtcNow = first.AddSeconds(61);
        await Keys.AuthenticateAsync(secret, default);

        Assert.Equal(first, afterHalfAMinute);
        Assert.Equal(first.AddSeconds(61), (await Keys.ListAsync(TestUsers.Manager, default)).Single().LastUsedAt);
    }
}
