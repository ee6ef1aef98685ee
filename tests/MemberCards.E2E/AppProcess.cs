using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace MemberCards.E2E;

/// <summary>
/// The web app started from its build output as a child process, as a user runs it: the database checks in
/// Program.cs after builder.Build() run too, which WebApplicationFactory would skip.
/// </summary>
public sealed partial class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(string Fragment, TaskCompletionSource Seen)> _awaitedLines = [];

    /// <summary>
    /// How long a start may take before a test gives up: migrations, demo data and the first requests' compilation
    /// took over a minute on a 2-core machine also running both component suites; a start that works ends the wait at once.
    /// </summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private AppProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
    }

    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>Debug or Release: the configuration these tests were built in, so the app of the same build runs.</summary>
    public static string Configuration { get; } = FindConfiguration();

    public static string WebProjectFolder { get; } = Path.Combine(RepoRoot, "src", "MemberCards.Web");

    public static string WebAssembly { get; } = Path.Combine(WebProjectFolder, "bin", Configuration, "net10.0", "MemberCards.Web.dll");

    /// <summary>Everything the app wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the app on a free loopback port in Development, with the given settings as environment variables.</summary>
    public static AppProcess Start(string connectionString, IReadOnlyDictionary<string, string>? settings = null, IReadOnlyList<string>? arguments = null)
    {
        if (!File.Exists(WebAssembly))
        {
            throw new InvalidOperationException($"{WebAssembly} is missing: build the solution (or tests/MemberCards.E2E) in {Configuration} first.");
        }
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = WebProjectFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(WebAssembly);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        foreach (var argument in arguments ?? [])
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__MemberCards"] = connectionString;
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__ColorBehavior"] = "Disabled";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var app = new AppProcess(new Process { StartInfo = start, EnableRaisingEvents = true });
        app._process.Start();
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        return app;
    }

    /// <summary>Waits for "Now listening on: …" and returns that address; fails with the app's output otherwise.</summary>
    public async Task<Uri> WaitUntilListeningAsync(TimeSpan timeout)
    {
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(_listening.Task, exited, Task.Delay(timeout));
        if (first == _listening.Task)
        {
            return await _listening.Task;
        }
        var why = first == exited ? $"exited with code {_process.ExitCode}" : $"did not listen within {timeout.TotalSeconds:0} s";
        throw new InvalidOperationException($"The app {why}. Its output:\n{Output}");
    }

    /// <summary>Completes when the app writes a line containing <paramref name="fragment"/> (or has written one already).</summary>
    public Task WaitForLineAsync(string fragment)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            if (_output.ToString().Contains(fragment, StringComparison.Ordinal))
            {
                return Task.CompletedTask;
            }
            _awaitedLines.Add((fragment, seen));
        }
        return seen.Task;
    }

    /// <summary>Stops the app at once, as a power cut or SIGKILL would: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(CancellationToken.None);
    }

    /// <summary>Waits for the app to stop by itself and returns its exit code; fails with the app's output if it doesn't.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new InvalidOperationException($"The app was still running after {timeout.TotalSeconds:0} s. Its output:\n{Output}");
        }
        // The parameterless overload also waits until the redirected output has been read to the end.
        await _process.WaitForExitAsync(CancellationToken.None);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
            await _process.WaitForExitAsync(CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // Never started, or already gone.
        }
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
            foreach (var awaited in _awaitedLines.Where(a => line.Contains(a.Fragment, StringComparison.Ordinal)).ToList())
            {
                awaited.Seen.TrySetResult();
                _awaitedLines.Remove(awaited);
            }
        }
        var match = ListeningLine().Match(line);
        if (match.Success)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    private static string FindRepoRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MemberCards.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"No MemberCards.sln above {AppContext.BaseDirectory}.");
    }

    private static string FindConfiguration()
    {
        // …/tests/MemberCards.E2E/bin/<Configuration>/net10.0/MemberCards.E2E.dll
        var parts = Path.GetDirectoryName(typeof(AppProcess).Assembly.Location)!.Split(Path.DirectorySeparatorChar);
        var bin = Array.LastIndexOf(parts, "bin");
        return bin >= 0 && bin + 1 < parts.Length ? parts[bin + 1] : "Debug";
    }

    // In the simple console format or inside a JSON log line ("Message":"Now listening on: http://…").
    [GeneratedRegex(@"Now listening on: (http://[^\s""]+)")]
    private static partial Regex ListeningLine();
}
