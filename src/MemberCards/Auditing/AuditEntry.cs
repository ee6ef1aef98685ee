using System.Text.Json;
using MemberCards.Data;

namespace MemberCards.Auditing;

/// <summary>
/// Who did what to which record, when and from where. Written in the same transaction as the change it
/// describes (added to the same DbContext before its SaveChanges), so there is an entry exactly when the change
/// committed. Nothing in the app edits or deletes an entry.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public required string UserName { get; set; }
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public string? EntityId { get; set; }

    /// <summary>JSON: for a change, each changed field's before and after; otherwise what matters about the action.</summary>
    public string? Details { get; set; }

    public string? SourceAddress { get; set; }
}

public static class AuditActions
{
    public const string MemberCreated = "member.created";
    public const string PurchaseRecorded = "purchase.recorded";
    public const string PurchaseVoided = "purchase.voided";
    public const string SignInFailed = "signin.failed";
    public const string UserCreated = "user.created";
    public const string RoleChanged = "user.role-changed";
    public const string UserLocked = "user.locked";
    public const string UserUnlocked = "user.unlocked";
    public const string PasswordReset = "user.password-reset";

    public static readonly IReadOnlyList<string> All =
        [MemberCreated, PurchaseRecorded, PurchaseVoided, SignInFailed, UserCreated, RoleChanged, UserLocked, UserUnlocked, PasswordReset];
}

public static class AuditLog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Adds an entry to the context; it is saved by the caller's SaveChanges, inside the caller's transaction.</summary>
    public static void Add(MemberCardsDb db, DateTime at, string userName, string action, string entityType, object? entityId, object? details, string? sourceAddress = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.AuditEntries.Add(new AuditEntry
        {
            At = at,
            UserName = userName,
            Action = action,
            EntityType = entityType,
            EntityId = Convert.ToString(entityId, System.Globalization.CultureInfo.InvariantCulture),
            Details = details is null ? null : JsonSerializer.Serialize(details, Json),
            SourceAddress = sourceAddress,
        });
    }

    /// <summary>The before and after of each field that differs, for "changed" entries.</summary>
    public static Dictionary<string, object?[]> Changes(IReadOnlyDictionary<string, object?> before, IReadOnlyDictionary<string, object?> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return after.Where(a => !Equals(before.GetValueOrDefault(a.Key), a.Value))
            .ToDictionary(a => a.Key, a => new[] { before.GetValueOrDefault(a.Key), a.Value });
    }
}
