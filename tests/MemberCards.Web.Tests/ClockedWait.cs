namespace MemberCards.Web.Tests;

/// <summary>
/// A wait that checks on a clock instead of after every render. bUnit's WaitForAssertion runs its check on the
/// renderer after each render, and a data grid renders its parts one by one: a filter that sends the audit grid back
/// to its first page renders it about two hundred times (the campaigns page more), and on a loaded machine the checks
/// in between (each reads the whole page) held the reload back past the wait's limit. Checked every 50 ms, each time
/// in one renderer turn, the wait costs the component almost nothing meanwhile. On time-out the last failure is thrown.
/// </summary>
public static class ClockedWait
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(50);

    public static async Task PollForAssertionAsync<T>(this IRenderedComponent<T> rendered, Action assertion) where T : Microsoft.AspNetCore.Components.IComponent
    {
        var deadline = DateTime.UtcNow + BunitContext.DefaultWaitTimeout;
        while (true)
        {
            try
            {
                await rendered.InvokeAsync(assertion);
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(Every);
            }
        }
    }
}
