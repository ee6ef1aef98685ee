using AngleSharp.Dom;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace MemberCards.Web.Tests;

/// <summary>
/// Finds an element and fires its event in one turn of the renderer. An element found first and fired at later
/// carries the event handler ids of the render it was found in: a render in between (a load or a quote finishing, a
/// field's validation) replaces them, and the event fails with UnknownEventHandlerIdException or reaches nobody.
/// Input, change, key and blur wait for their handler to finish; a click returns once its handler yields, so a click
/// that opens a dialog and awaits it does not hold the test: wait for what it shows.
/// </summary>
public static class InOneTurn
{
    public static Task ClickAsync<T>(this IRenderedComponent<T> rendered, Func<IElement> find) where T : IComponent =>
        rendered.InvokeAsync(() => find().Click());

    public static Task InputAsync<T>(this IRenderedComponent<T> rendered, Func<IElement> find, string value) where T : IComponent =>
        rendered.InvokeAsync(() => find().InputAsync(new ChangeEventArgs { Value = value }));

    public static Task ChangeAsync<T>(this IRenderedComponent<T> rendered, Func<IElement> find, object value) where T : IComponent =>
        rendered.InvokeAsync(() => find().ChangeAsync(new ChangeEventArgs { Value = value }));

    public static Task KeyDownAsync<T>(this IRenderedComponent<T> rendered, Func<IElement> find, string key) where T : IComponent =>
        rendered.InvokeAsync(() => find().KeyDownAsync(new KeyboardEventArgs { Key = key }));

    public static Task BlurAsync<T>(this IRenderedComponent<T> rendered, Func<IElement> find) where T : IComponent =>
        rendered.InvokeAsync(() => find().BlurAsync(new FocusEventArgs()));
}
