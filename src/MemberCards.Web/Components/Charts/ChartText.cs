namespace MemberCards.Web.Components.Charts;

/// <summary>
/// Text for ApexCharts, which puts series names, categories and labels into tooltips and legends as HTML: the five
/// characters that mean something in HTML become entities. <c>ApexChart.razor.js</c> undoes exactly these five where
/// ApexCharts writes text, not HTML.
/// </summary>
public static class ChartText
{
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("\"", "&quot;", StringComparison.Ordinal)
            .Replace("'", "&#39;", StringComparison.Ordinal);
    }

    public static IReadOnlyList<string> Escape(IReadOnlyList<string> texts) => [.. texts.Select(Escape)];
}
