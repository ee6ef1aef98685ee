namespace MemberCards.Api.Tests.Webhooks;

/// <summary>The API app with retries a test can wait for: 0.4 s after the first failure, doubling.</summary>
public sealed class WebhookApp : ApiApp
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["MemberCards:Api:RequestsPerSecond"] = "10000",
        ["MemberCards:Api:Burst"] = "10000",
        ["MemberCards:Webhooks:FirstRetryDelay"] = "00:00:00.4",
        ["MemberCards:Webhooks:MaxAttempts"] = "4",
    };
}
