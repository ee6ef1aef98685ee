using Bunit.Extensions.WaitForHelpers;
using MudBlazor;

namespace MemberCards.Web.Tests.Purchases;

/// <summary>
/// Picks a product in the purchase dialog's "Add product" field as a cashier does: types, then clicks it in the list,
/// found and clicked in one turn of the renderer. A search started as the previous pick cleared the field can end
/// unshown (seen on PostgreSQL, where the re-quote takes longer): while the list stays shut the text is cleared and
/// typed again (the same text again is no change to the field). Returns once the field is clear for the next pick.
/// </summary>
public static class ProductPicking
{
    private const string Field = "Add product";

    public static void Pick(IRenderedComponent<MudDialogProvider> dialogs, IRenderedComponent<MudPopoverProvider> popovers, string product, string? typed = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            dialogs.InvokeAsync(() =>
            {
                Input(dialogs).Input("");
                Input(dialogs).Input(typed ?? product);
            }).GetAwaiter().GetResult();
            try
            {
                popovers.WaitForAssertion(() => popovers.InvokeAsync(() =>
                {
                    var item = popovers.FindAll(".mud-popover-open .mud-list-item").SingleOrDefault(i => i.TextContent.Contains(product, StringComparison.Ordinal));
                    Assert.True(item is not null, $"{product} is not listed yet.");
                    item.Click();
                }).GetAwaiter().GetResult(), TimeSpan.FromSeconds(attempt < 3 ? 3 : 15));
                break;
            }
            catch (WaitForFailedException) when (attempt < 3)
            {
            }
        }
        dialogs.WaitForAssertion(() => Assert.True(string.IsNullOrEmpty(Input(dialogs).GetAttribute("value"))));
    }

    private static AngleSharp.Dom.IElement Input(IRenderedComponent<MudDialogProvider> dialogs)
    {
        var id = dialogs.FindAll("label").Single(l => l.TextContent.Trim() == Field).GetAttribute("for");
        return dialogs.Find($"#{id}");
    }
}
