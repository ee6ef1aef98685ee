using System.Text.Json;
using System.Text.Json.Serialization;

namespace MemberCards.Web.Components.Charts;

/// <summary>
/// The subset of ApexCharts options this app uses, typed. Serialized as camelCase JSON with nulls left out, so
/// ApexCharts keeps its own defaults for anything not set. Property names follow ApexCharts' option names.
/// Every string that can come from a user (series names, categories, labels) is HTML-escaped here, once, on the
/// way out: ApexCharts writes them into tooltips and legends as HTML. The JS module turns them back into text only
/// where ApexCharts draws SVG text (axis labels) or writes a file (CSV). There are deliberately no options for
/// titles, annotations, custom tooltips or formatters: those would be more places where strings become HTML.
/// </summary>
public sealed record ApexChartOptions
{
    public required ApexChartSettings Chart { get; init; }
    /// <summary>For "donut" and "pie" the JS module hands ApexCharts the first series' data, as those charts expect.</summary>
    public required IReadOnlyList<ApexSeries> Series { get; init; }
    public ApexAxis? Xaxis { get; init; }
    public ApexPlotOptions? PlotOptions { get; init; }
    public ApexStroke? Stroke { get; init; }
    public ApexLegend? Legend { get; init; }
    public IReadOnlyList<string>? Labels { get; init; }
    public IReadOnlyList<string>? Colors { get; init; }
    public ApexDataLabels? DataLabels { get; init; }
    public ApexTheme? Theme { get; init; }
    public ApexGrid? Grid { get; init; }

    /// <summary>Not an ApexCharts option: the JS module turns it into axis, tooltip and label formatters.</summary>
    public ApexValueFormat? ValueFormat { get; init; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this with
    {
        Series = [.. Series.Select(s => s with { Name = ChartText.Escape(s.Name) })],
        Xaxis = Xaxis is null ? null : Xaxis with { Categories = ChartText.Escape(Xaxis.Categories) },
        Labels = Labels is null ? null : ChartText.Escape(Labels),
    }, Json);
}

public sealed record ApexChartSettings(string Type, int Height = 320, string? Id = null)
{
    /// <summary>The toolbar's menu downloads the chart as SVG, PNG or CSV; zoom tools show when zoom is enabled.</summary>
    public ApexToolbar Toolbar { get; init; } = new();
    public ApexZoom Zoom { get; init; } = new(false);
    public string Background { get; init; } = "transparent";
    // Noto Sans CJK draws Chinese where Roboto has no glyphs (Debian's fonts-noto-cjk; other systems fall back).
    // Unquoted: names of words are valid CSS, and no quote reaches ApexCharts' HTML.
    public string FontFamily { get; init; } = "Roboto, Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, PingFang SC, Helvetica, Arial, sans-serif";
}

public sealed record ApexToolbar(bool Show = true);

public sealed record ApexSeries(string Name, IReadOnlyList<decimal> Data);

public sealed record ApexZoom(bool Enabled);

/// <summary>"on" lets a category axis zoom (ApexCharts zooms category axes only with ticks on the points).</summary>
public sealed record ApexAxis(IReadOnlyList<string> Categories, string? TickPlacement = null, int? TickAmount = null);

public sealed record ApexPlotOptions(ApexBarOptions? Bar = null);

public sealed record ApexBarOptions(bool Horizontal, int BorderRadius = 3);

/// <summary>Lines and outlines; a heatmap's cells are outlined, "transparent" lets the card show between them.</summary>
public sealed record ApexStroke(string Curve, int Width = 2, IReadOnlyList<string>? Colors = null);

public sealed record ApexGrid(string BorderColor);

public sealed record ApexLegend(string Position);

public sealed record ApexDataLabels(bool Enabled);

public sealed record ApexTheme(string Mode);

/// <summary>How values read: "currency" (with the culture's symbol) or "number", formatted by Intl in the browser.</summary>
public sealed record ApexValueFormat(string Style, string Locale, string? Currency = null);
