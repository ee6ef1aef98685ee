using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Auditing;
using MemberCards.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.ApiKeys;

/// <summary>One key as the managers' page lists it (never its secret, which is not stored).</summary>
public sealed record ApiKeyRow(int Id, string Name, string Prefix, ApiScopes Scopes, DateTime CreatedAt, string CreatedBy,
    DateTime? LastUsedAt, DateTime? RevokedAt, string? RevokedBy);

/// <summary>A key just made: <paramref name="Secret"/> is shown this once and never again.</summary>
public sealed record CreatedApiKey(int Id, string Secret);

/// <summary>Managers make, list and revoke the API's keys; the API authenticates a presented key here.</summary>
public sealed class ApiKeyService(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock)
{
    public const string NameField = nameof(ApiKey.Name);
    public const string ScopesField = nameof(ApiKey.Scopes);

    // Last use is written at most this often per key, so a busy till costs no write per request.
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<IReadOnlyList<ApiKeyRow>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.Require(user, Roles.Manager);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ApiKeys.AsNoTracking().OrderBy(k => k.RevokedAt != null).ThenBy(k => k.Name)
            .Select(k => new ApiKeyRow(k.Id, k.Name, k.Prefix, k.Scopes, k.CreatedAt, k.CreatedBy, k.LastUsedAt, k.RevokedAt, k.RevokedBy))
            .ToListAsync(cancellationToken);
    }

    public async Task<Result<CreatedApiKey>> CreateAsync(string name, ApiScopes scopes, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var by = Access.Require(user, Roles.Manager);
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length is 0 or > ApiKey.NameLength)
        {
            return Result<CreatedApiKey>.Refused(NameField, MessageCode.ApiKeyNameLength, ApiKey.NameLength);
        }
        if (scopes == ApiScopes.None || (scopes & ~ApiScopeNames.Names.Keys.Aggregate((a, b) => a | b)) != ApiScopes.None)
        {
            return Result<CreatedApiKey>.Refused(ScopesField, MessageCode.ApiKeyScopesRequired);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.ApiKeys.AnyAsync(k => k.Name == trimmed, cancellationToken))
        {
            return Result<CreatedApiKey>.Refused(NameField, MessageCode.ApiKeyNameTaken);
        }
        var secret = ApiKeySecret.Generate();
        var key = new ApiKey
        {
            Name = trimmed,
            Prefix = secret[..ApiKeySecret.PrefixLength],
            SecretHash = ApiKeySecret.Hash(secret),
            Scopes = scopes,
            CreatedAt = clock.UtcNow,
            CreatedBy = by,
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        AuditLog.Add(db, key.CreatedAt, by, AuditActions.ApiKeyCreated, nameof(ApiKey), key.Id, new { key.Name, key.Prefix, Scopes = ApiScopeNames.Of(scopes).ToList() });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<CreatedApiKey>.Ok(new CreatedApiKey(key.Id, secret));
    }

    public async Task<Result<int>> RevokeAsync(int keyId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var by = Access.Require(user, Roles.Manager);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.UtcNow;
        var revoked = await db.ApiKeys.Where(k => k.Id == keyId && k.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(k => k.RevokedAt, now).SetProperty(k => k.RevokedBy, by), cancellationToken);
        if (revoked == 0)
        {
            return Result<int>.Refused("", MessageCode.ApiKeyNotFound);
        }
        AuditLog.Add(db, now, by, AuditActions.ApiKeyRevoked, nameof(ApiKey), keyId, null);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<int>.Ok(keyId);
    }

    /// <summary>The caller a presented key stands for; null when it is no key, an unknown one or a revoked one.</summary>
    public async Task<ApiCaller?> AuthenticateAsync(string? presented, CancellationToken cancellationToken)
    {
        if (ApiKeySecret.PrefixOf(presented) is not { } prefix)
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var key = await db.ApiKeys.AsNoTracking().Where(k => k.Prefix == prefix)
            .Select(k => new { k.Id, k.Name, k.Scopes, k.SecretHash, k.RevokedAt, k.LastUsedAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (key is null || key.RevokedAt is not null || !ApiKeySecret.Matches(presented!, key.SecretHash))
        {
            return null;
        }
        var now = clock.UtcNow;
        if (key.LastUsedAt is not { } last || now - last >= LastUsedResolution)
        {
            var stale = now - LastUsedResolution;
            await db.ApiKeys.Where(k => k.Id == key.Id && (k.LastUsedAt == null || k.LastUsedAt <= stale))
                .ExecuteUpdateAsync(set => set.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        }
        return new ApiCaller(key.Id, key.Name, key.Scopes);
    }

    /// <summary>A key that called beyond its scopes: written to the audit trail, with what it tried.</summary>
    public async Task RecordRefusalAsync(ApiCaller caller, ApiScopes needed, string request, string? sourceAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        AuditLog.Add(db, clock.UtcNow, caller.UserName, AuditActions.ApiKeyRefused, nameof(ApiKey), caller.KeyId,
            new { Needed = ApiScopeNames.Of(needed).ToList(), Request = request }, sourceAddress);
        await db.SaveChangesAsync(cancellationToken);
    }
}
