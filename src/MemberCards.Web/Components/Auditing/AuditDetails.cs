using System.Globalization;
using System.Text.Json;
using MemberCards.Web.Localization;
using Microsoft.Extensions.Localization;

namespace MemberCards.Web.Components.Auditing;

/// <summary>
/// Turns an entry's JSON details into one readable line: "Name: Ann → Anna; Tier: Gold". Amounts in minor units
/// ("unitPriceMinor": 450) read as money in the store's currency ("UnitPrice: $4.50"); field names in the reader's
/// language where the resource names them.
/// </summary>
public static class AuditDetails
{
    private const string MinorSuffix = "Minor";

    public static string Describe(string? json, CultureInfo culture) => Describe(json, culture, name => name, (_, value) => value);

    /// <param name="valueText">A value as the reader's language says it (a tier, a status, yes or no), given its field.</param>
    public static string Describe(string? json, CultureInfo culture, Func<string, string> fieldName, Func<string, string, string> valueText)
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
            .Select(p =>
            {
                var money = p.Name.EndsWith(MinorSuffix, StringComparison.Ordinal) && p.Name.Length > MinorSuffix.Length;
                var label = Label(p.Name, money);
                return p.Value is { ValueKind: JsonValueKind.Array } pair && pair.GetArrayLength() == 2
                    ? $"{fieldName(label)}: {valueText(label, Text(pair[0], money, culture))} → {valueText(label, Text(pair[1], money, culture))}"
                    : $"{fieldName(label)}: {valueText(label, Text(p.Value, money, culture))}";
            }));
    }

    /// <summary>Field names from a resource's Field_ keys; a field it doesn't name keeps its own name.</summary>
    public static Func<string, string> Labels(IStringLocalizer texts) =>
        name => texts[$"Field_{name}"] is { ResourceNotFound: false } text ? text.Value : name;

    /// <summary>Tiers, statuses, payment methods, points expiry and yes/no in the reader's language; any other value as it was stored.</summary>
    public static Func<string, string, string> Values(Messages messages, IStringLocalizer texts) => (field, value) => (field, value) switch
    {
        // Entries written before tiers became the store's own named one of the four presets.
        ("Tier", _) when Enum.TryParse<MemberCards.Tiers.TierPreset>(value, out var tier) => messages.Enum(tier),
        ("Kind", _) when Enum.TryParse<MemberCards.Tiers.TierChangeKind>(value, out var kind) => messages.Enum(kind),
        ("Kind", _) when Enum.TryParse<MemberCards.Coupons.CouponKind>(value, out var couponKind) => messages.Enum(couponKind),
        ("Weekdays", _) when int.TryParse(value, CultureInfo.InvariantCulture, out var weekdays) => Weekdays(weekdays, texts),
        ("Status", _) when Enum.TryParse<MemberCards.Members.MemberStatus>(value, out var status) => messages.Enum(status),
        ("Method", _) when Enum.TryParse<MemberCards.CardValue.PaymentMethod>(value, out var method) => messages.Enum(method),
        ("Expiry", _) when Enum.TryParse<MemberCards.CardValue.PointsExpiryPolicy>(value, out var expiry) => messages.Enum(expiry),
        (_, "true") => texts["Yes"],
        (_, "false") => texts["No"],
        _ => value,
    };

    // Details are stored camelCase ("totalMinor"); people read "Total" as the field's name.
    private static string Label(string name, bool money)
    {
        var label = money ? name[..^MinorSuffix.Length] : name;
        return label.Length == 0 ? label : char.ToUpperInvariant(label[0]) + label[1..];
    }

    private static string Text(JsonElement value, bool money, CultureInfo culture) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Null => "–",
        JsonValueKind.Number when money && value.TryGetInt64(out var minor) => Money.Format(minor, culture),
        _ => value.GetRawText(),
    };

    // A coupon template's days of the week, stored as bits (1 << DayOfWeek), Monday first in the reader's short names.
    private static string Weekdays(int weekdays, IStringLocalizer texts) => weekdays == MemberCards.Coupons.CouponTemplate.EveryDay
        ? texts["EveryDay"]
        : string.Join(texts["DaySeparator"], Enumerable.Range(1, 7).Select(d => (DayOfWeek)(d % 7)).Where(d => (weekdays & (1 << (int)d)) != 0)
            .Select(CultureInfo.CurrentCulture.DateTimeFormat.GetAbbreviatedDayName));
}
