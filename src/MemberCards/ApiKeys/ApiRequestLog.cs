using System.Security.Cryptography;
using System.Text;
using MemberCards.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.ApiKeys;

public enum ClaimState
{
    /// <summary>First time this key was seen: go ahead.</summary>
    New,

    /// <summary>The same request was answered before: give that answer again.</summary>
    Answered,

    /// <summary>The same request is being answered now (or its answer was lost with a crash).</summary>
    Pending,

    /// <summary>The key was used for a different request: refuse, the first stays as it was.</summary>
    Reused,
}

public sealed record IdempotencyClaim(long RequestId, ClaimState State, int? StatusCode = null, string? ResponseJson = null);

/// <summary>
/// The API's Idempotency-Key, per API key: the first request under a key is recorded with a hash of what it asked and
/// later its answer. The purchase or top-up it makes also carries <see cref="OperationKey"/> as its own idempotency
/// key, so two requests at once with one key record one purchase even before the first answer is stored.
/// </summary>
public sealed class ApiRequestLog(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock)
{
    public async Task<IdempotencyClaim> ClaimAsync(int apiKeyId, string key, byte[] requestHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requestHash);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = new ApiRequest { ApiKeyId = apiKeyId, Key = key, RequestHash = requestHash, At = clock.UtcNow };
        db.ApiRequests.Add(request);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new IdempotencyClaim(request.Id, ClaimState.New);
        }
        catch (DbUpdateException)
        {
            await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken);
            var first = await fresh.ApiRequests.AsNoTracking().SingleAsync(r => r.ApiKeyId == apiKeyId && r.Key == key, cancellationToken);
            return !first.RequestHash.AsSpan().SequenceEqual(requestHash) ? new IdempotencyClaim(first.Id, ClaimState.Reused)
                : first.StatusCode is { } status ? new IdempotencyClaim(first.Id, ClaimState.Answered, status, first.ResponseJson)
                : new IdempotencyClaim(first.Id, ClaimState.Pending);
        }
    }

    public async Task AnswerAsync(long requestId, int statusCode, string responseJson, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.ApiRequests.Where(r => r.Id == requestId && r.StatusCode == null)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.StatusCode, statusCode).SetProperty(r => r.ResponseJson, responseJson), cancellationToken);
    }

    /// <summary>The idempotency key the service saves under: the same for one API key's Idempotency-Key, different across API keys.</summary>
    public static Guid OperationKey(int apiKeyId, string key) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"{apiKeyId}\n{key}")).AsSpan(0, 16));
}
