namespace MemberCards.ApiKeys;

/// <summary>What a key may do through /api/v1. A till usually holds members and purchases; only a manager's integration voids.</summary>
[Flags]
public enum ApiScopes
{
    None = 0,
    ReadMembers = 1,
    WriteMembers = 2,
    RecordPurchases = 4,
    TopUp = 8,
    VoidPurchases = 16,
    ReadPurchases = 32,
}

/// <summary>
/// A key a till or an integration calls the API with. Only a hash of it is stored: the key itself is shown once, when it
/// is made. Never deleted (audit entries name it); a revoked key authenticates nothing.
/// </summary>
public sealed class ApiKey
{
    public const int NameLength = 60;

    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The key's first characters, stored in clear: they find the key's row and tell keys apart on the page.</summary>
    public required string Prefix { get; set; }

    public required byte[] SecretHash { get; set; }
    public ApiScopes Scopes { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
    public DateTime? LastUsedAt { get; set; }
}

/// <summary>
/// A write sent with an Idempotency-Key: the hash of what was asked, and the answer once given, so a retry gets the
/// first answer and the same key with another request is refused.
/// </summary>
public sealed class ApiRequest
{
    public const int KeyLength = 100;

    public long Id { get; set; }
    public int ApiKeyId { get; set; }
    public required string Key { get; set; }
    public required byte[] RequestHash { get; set; }
    public DateTime At { get; set; }
    public int? StatusCode { get; set; }
    public string? ResponseJson { get; set; }
}
