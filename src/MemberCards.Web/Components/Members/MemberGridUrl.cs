using System.Globalization;
using MemberCards.Members;
using Microsoft.AspNetCore.WebUtilities;

namespace MemberCards.Web.Components.Members;

/// <summary>The members grid's state (search, filters, sort, page) in the address bar, so a link or a reload shows the same view.</summary>
public static class MemberGridUrl
{
    public const int DefaultPageSize = 25;

    public static MemberListQuery Read(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var query = QueryHelpers.ParseQuery(uri.Query);
        string? Text(string key) => query.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.ToString() : null;
        int Number(string key, int fallback) => int.TryParse(Text(key), CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : fallback;
        DateOnly? Day(string key) => DateOnly.TryParseExact(Text(key), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        long? Minor(string key) => decimal.TryParse(Text(key), NumberStyles.Number, CultureInfo.InvariantCulture, out var m) && m >= 0 ? (long)(m * Money.MinorPerMajor) : null;
        List<T> Enums<T>(string key) where T : struct, Enum =>
            [.. (Text(key) ?? "").Split(',').Select(v => Enum.TryParse<T>(v, ignoreCase: true, out var e) && Enum.IsDefined(e) ? (T?)e : null).OfType<T>()];

        List<int> Ids(string key) =>
            [.. (Text(key) ?? "").Split(',').Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? (int?)id : null).OfType<int>()];

        return new MemberListQuery(
            Text("q"),
            Text("sort"),
            Text("desc") == "true",
            Number("page", 0),
            Number("size", DefaultPageSize) is var size and (25 or 50 or 100) ? size : DefaultPageSize,
            Ids("tier"),
            Enums<MemberStatus>("status"),
            Day("joinedFrom"),
            Day("joinedTo"),
            Minor("minSpend"),
            Minor("maxSpend"));
    }

    /// <summary>The query parameters for <see cref="Microsoft.AspNetCore.Components.NavigationManager.GetUriWithQueryParameters(IReadOnlyDictionary{string, object?})"/>; defaults are left out.</summary>
    public static Dictionary<string, object?> Write(MemberListQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        static string? Major(long? minor) => minor is { } m ? Money.ToMajor(m).ToString(CultureInfo.InvariantCulture) : null;
        static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new()
        {
            ["q"] = string.IsNullOrWhiteSpace(query.Search) ? null : query.Search,
            ["sort"] = query.SortBy,
            ["desc"] = query.Descending && query.SortBy is not null ? "true" : null,
            ["page"] = query.Page > 0 ? query.Page.ToString(CultureInfo.InvariantCulture) : null,
            ["size"] = query.PageSize != DefaultPageSize ? query.PageSize.ToString(CultureInfo.InvariantCulture) : null,
            ["tier"] = query.TierIds is { Count: > 0 } tiers ? string.Join(',', tiers) : null,
            ["status"] = query.Statuses is { Count: > 0 } statuses ? string.Join(',', statuses) : null,
            ["joinedFrom"] = Day(query.JoinedFrom),
            ["joinedTo"] = Day(query.JoinedTo),
            ["minSpend"] = Major(query.MinSpendMinor),
            ["maxSpend"] = Major(query.MaxSpendMinor),
        };
    }
}
