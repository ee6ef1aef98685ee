using AngleSharp.Dom;
using MemberCards.Web.Components.Tiers;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MemberCards.Web.Tests.Tiers;

/// <summary>
/// What a manager does on the tiers page, each action found and fired in one renderer turn (a re-render in between
/// would leave a stale event handler id). Rows are found by their place, as the page titles them ("3. Gold").
/// </summary>
public static class TiersPageActions
{
    public static IElement Row(IRenderedComponent<TiersPage> page, int number) =>
        page.FindAll("[role=group]").Single(g => g.GetAttribute("aria-label")!.StartsWith($"{number}. ", StringComparison.Ordinal));

    public static IElement Control(IRenderedComponent<TiersPage> page, int row, string label) =>
        Row(page, row).QuerySelectorAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == label);

    public static Task Type(IRenderedComponent<TiersPage> page, int row, string label, string value) =>
        page.InvokeAsync(async () =>
        {
            await Control(page, row, label).QuerySelector("input")!.InputAsync(new ChangeEventArgs { Value = value });
            await Control(page, row, label).QuerySelector("input")!.BlurAsync(new FocusEventArgs());
        });

    public static Task Click(IRenderedComponent<TiersPage> page, string text) =>
        page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == text || b.GetAttribute("aria-label") == text).ClickAsync(new MouseEventArgs()));

    /// <summary>What the page said in its snackbar (a save's confirmation), newest last.</summary>
    public static IEnumerable<string> Said(IServiceProvider services) =>
        services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message ?? "");

    /// <summary>The what-if line of a row after Preview, e.g. "3 members now → 2 under these rules".</summary>
    public static string? Counts(IRenderedComponent<TiersPage> page, int row) =>
        Row(page, row).QuerySelectorAll(".mud-chip").Select(c => c.TextContent.Trim()).SingleOrDefault(t => t.Contains('→', StringComparison.Ordinal));
}
