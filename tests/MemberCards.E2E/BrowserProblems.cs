namespace MemberCards.E2E;

/// <summary>Records what the browser complained about on a page: console errors, page errors, failed requests, error responses.</summary>
public sealed class BrowserProblems
{
    private readonly List<string> _seen = [];

    private BrowserProblems()
    {
    }

    public IReadOnlyList<string> Seen
    {
        get
        {
            lock (_seen)
            {
                return [.. _seen];
            }
        }
    }

    public static BrowserProblems Watch(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var problems = new BrowserProblems();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Record($"console error: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Record($"page error: {error}");
        page.RequestFailed += (_, request) =>
        {
            // A request the browser dropped because the page moved on (a link clicked while a script still loads) is
            // not a failure anyone sees; every other failure is.
            if (request.Failure != "net::ERR_ABORTED")
            {
                problems.Record($"request failed: {request.Method} {request.Url} ({request.Failure})");
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                problems.Record($"HTTP {response.Status}: {response.Request.Method} {response.Url}");
            }
        };
        return problems;
    }

    private void Record(string problem)
    {
        lock (_seen)
        {
            _seen.Add(problem);
        }
    }
}

public static class Screenshots
{
    /// <summary>Saves a screenshot into docs/screenshots, where the README shows it.</summary>
    public static async Task SaveAsync(IPage page, string name, bool fullPage = false)
    {
        ArgumentNullException.ThrowIfNull(page);
        var folder = Path.Combine(AppProcess.RepoRoot, "docs", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name), FullPage = fullPage });
    }
}
