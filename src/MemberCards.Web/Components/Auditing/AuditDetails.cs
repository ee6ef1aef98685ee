using System.Text.Json;

namespace MemberCards.Web.Components.Auditing;

/// <summary>Turns an entry's JSON details into one readable line: "Name: Ann → Anna; Tier: Gold".</summary>
public static class AuditDetails
{
    public static string Describe(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return "";
        }
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return json;
        }
        return string.Join("; ", document.RootElement.EnumerateObject()
            .Where(p => p.Value.ValueKind != JsonValueKind.Null)
            .Select(p => p.Value is { ValueKind: JsonValueKind.Array } pair && pair.GetArrayLength() == 2
                ? $"{Label(p.Name)}: {Text(pair[0])} → {Text(pair[1])}"
                : $"{Label(p.Name)}: {Text(p.Value)}"));
    }

    // Details are stored camelCase ("totalMinor"); people read "TotalMinor" as the field's name.
    private static string Label(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Null => "–",
        _ => value.GetRawText(),
    };
}
