using MudBlazor;

namespace MemberCards.Web.Components.Layout;

public static class Theme
{
    public static readonly MudTheme Default = new()
    {
        PaletteLight = new PaletteLight { Primary = "#3949ab", Secondary = "#00897b", AppbarBackground = "#283593" },
        PaletteDark = new PaletteDark { Primary = "#7986cb", Secondary = "#4db6ac" },
        // Roboto has no Chinese glyphs: a CJK face follows it, so Chinese text is drawn in one font, not per-glyph guesses.
        Typography = new Typography { Default = new DefaultTypography { FontFamily = Fonts } },
    };

    public static readonly string[] Fonts = ["Roboto", "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", "Helvetica", "Arial", "sans-serif"];
}
