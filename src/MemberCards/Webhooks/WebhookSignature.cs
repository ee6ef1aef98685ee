using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MemberCards.Webhooks;

/// <summary>
/// The X-MemberCards-Signature header: "v1=" and the lowercase hex HMAC-SHA256, keyed with the subscription's
/// secret (UTF-8), of the unix-seconds timestamp, a dot and the body exactly as sent.
/// </summary>
public static class WebhookSignature
{
    public const string EventIdHeader = "X-MemberCards-Event-Id";
    public const string EventTypeHeader = "X-MemberCards-Event-Type";
    public const string TimestampHeader = "X-MemberCards-Timestamp";
    public const string SignatureHeader = "X-MemberCards-Signature";
    public const string Version = "v1=";

    public static string Sign(string secret, long timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var signed = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + body);
        return Version + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    public static bool Verify(string secret, long timestamp, string body, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, timestamp, body)), Encoding.ASCII.GetBytes(signature));
}
