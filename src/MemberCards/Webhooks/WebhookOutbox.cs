using System.Text.Json;
using MemberCards.Data;

namespace MemberCards.Webhooks;

/// <summary>
/// The one way an event enters the outbox: added to the caller's context, saved by its SaveChanges inside its
/// transaction, so a change that rolls back leaves no event. Bulk loads (import, demo data) write none.
/// </summary>
public static class WebhookOutbox
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="data">Ids and amounts in fen; never a phone number or an email address.</param>
    public static void Add(MemberCardsDb db, string type, DateTime at, int? memberId, object data)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.WebhookEvents.Add(new WebhookEvent
        {
            Id = Guid.CreateVersion7(at),
            Type = type,
            OccurredAt = at,
            MemberId = memberId,
            Data = JsonSerializer.Serialize(data, Json),
        });
        db.WebhookEventsAdded = true;
    }
}
