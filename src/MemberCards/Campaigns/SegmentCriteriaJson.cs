using System.Text.Json;
using System.Text.Json.Serialization;

namespace MemberCards.Campaigns;

/// <summary>
/// The stored form of <see cref="SegmentCriteria"/>. Version 1 is the current form: camelCase JSON, enums as names,
/// dates as yyyy-MM-dd, unset filters left out. A later change to the criteria adds a version here and a reader
/// that turns the older documents into the new record, so segments saved before an upgrade still open.
/// </summary>
public static class SegmentCriteriaJson
{
    public const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Write(SegmentCriteria criteria) => JsonSerializer.Serialize(criteria, Json);

    /// <summary>Reads a stored document of any version this build knows; null for an unknown version or a damaged document.</summary>
    public static SegmentCriteria? Read(int version, string json)
    {
        if (version != 1)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<SegmentCriteria>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
