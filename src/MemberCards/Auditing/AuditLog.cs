using System.Globalization;
using System.Text.Json;
using MemberCards.Data;

namespace MemberCards.Auditing;

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
            EntityId = Convert.ToString(entityId, CultureInfo.InvariantCulture),
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
