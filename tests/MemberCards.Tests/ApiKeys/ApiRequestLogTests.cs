using MemberCards.ApiKeys;

namespace MemberCards.Tests.ApiKeys;

/// <summary>The API's Idempotency-Key: first request, the same again, another one under the same key, per API key.</summary>
public sealed class ApiRequestLogTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private int _till;
    private int _shop;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        var keys = _db.Get<ApiKeyService>();
        _till = (await keys.CreateAsync("Till", ApiScopes.RecordPurchases, TestUsers.Manager, default)).Value!.Id;
        _shop = (await keys.CreateAsync("Shop", ApiScopes.RecordPurchases, TestUsers.Manager, default)).Value!.Id;
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task The_same_request_is_pending_then_answered_and_another_request_under_the_key_is_reused()
    {
        var log = _db.Get<ApiRequestLog>();
        byte[] request = [1, 2, 3];

        var first = await log.ClaimAsync(_till, "order-17", request, default);
        var during = await log.ClaimAsync(_till, "order-17", request, default);
        await log.AnswerAsync(first.RequestId, 201, "{\"purchaseId\":5}", default);
        var after = await log.ClaimAsync(_till, "order-17", request, default);
        var other = await log.ClaimAsync(_till, "order-17", [9], default);
        var otherKey = await log.ClaimAsync(_shop, "order-17", [9], default);

        Assert.Equal(ClaimState.New, first.State);
        Assert.Equal(ClaimState.Pending, during.State);
        Assert.Equal(new IdempotencyClaim(first.RequestId, ClaimState.Answered, 201, "{\"purchaseId\":5}"), after);
        Assert.Equal(ClaimState.Reused, other.State);
        Assert.Equal(ClaimState.New, otherKey.State);
        Assert.NotEqual(ApiRequestLog.OperationKey(_till, "order-17"), ApiRequestLog.OperationKey(_shop, "order-17"));
        Assert.Equal(ApiRequestLog.OperationKey(_till, "order-17"), ApiRequestLog.OperationKey(_till, "order-17"));
    }
}
