using System.Net;
using System.Net.Sockets;

namespace MemberCards.Webhooks;

/// <summary>
/// Where webhooks may go: absolute http(s) URLs to public addresses. Loopback and private networks are refused —
/// a webhook must not become a way to reach the shop's own servers — except when the app runs in Development
/// (<paramref name="AllowPrivate"/>), where a receiver on the same machine is how one tries it out. The URL is
/// checked when saved and every address its host resolves to is checked again when connecting.
/// </summary>
public sealed record WebhookTargets(bool AllowPrivate)
{
    public const string UrlField = nameof(WebhookSubscription.Url);

    public FieldError? Refusal(string? url)
    {
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
        {
            return new FieldError(UrlField, MessageCode.WebhookUrlInvalid);
        }
        if (url!.Trim().Length > WebhookSubscription.UrlLength)
        {
            return new FieldError(UrlField, MessageCode.WebhookUrlTooLong, WebhookSubscription.UrlLength);
        }
        var named = uri.IdnHost.TrimEnd('.');
        var isPrivate = named.Equals("localhost", StringComparison.OrdinalIgnoreCase) || named.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(named, out var address) && IsPrivate(address));
        return isPrivate && !AllowPrivate ? new FieldError(UrlField, MessageCode.WebhookUrlPrivate, uri.Host) : null;
    }

    public bool Allows(IPAddress address) => AllowPrivate || !IsPrivate(address);

    public static bool IsPrivate(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return true;
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal;
        }
        var b = address.GetAddressBytes();
        return b[0] is 0 or 10 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] is >= 64 and <= 127);
    }
}
