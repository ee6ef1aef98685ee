using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MemberCards.Tiers;

namespace MemberCards.Campaigns;

/// <summary>
/// The stored form of <see cref="SegmentCriteria"/>: camelCase JSON, enums as names, dates as yyyy-MM-dd, unset
/// filters left out. Version 2 (the current form) filters tiers by id ("tierIds"); version 1 named the four fixed
/// tiers ("tiers": ["Gold"]), which became the preset tiers 1–4 when tiers became the store's own.
/// </summary>
public static class SegmentCriteriaJson
{
    public const int CurrentVersion = 2;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Write(SegmentCriteria criteria) => JsonSerializer.Serialize(criteria, Json);

    /// <summary>Reads a stored document of any version this build knows; null for an unknown version or a damaged document.</summary>
    public static SegmentCriteria? Read(int version, string json)
    {
        try
        {
            return version switch
            {
                1 => JsonSerializer.Deserialize<SegmentCriteria>(FromVersion1(json), Json),
                CurrentVersion => JsonSerializer.Deserialize<SegmentCriteria>(json, Json),
                _ => null,
            };
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    // The migration that made tiers the store's own gave the four fixed tiers the ids 1–4 in their old order.
    private static string FromVersion1(string json)
    {
        var document = JsonNode.Parse(json)!.AsObject();
        if (document.Remove("tiers", out var tiers) && tiers is JsonArray names)
        {
            document["tierIds"] = new JsonArray([.. names.Select(n => (JsonNode)((int)Enum.Parse<TierPreset>(n!.GetValue<string>()) + 1))]);
        }
        return document.ToJsonString();
    }
}
