using Microsoft.Extensions.Logging;

namespace MemberCards.Benchmarks;

/// <summary>Writes the bulk load's own log lines (where its time went) to the benchmark's output, and nothing else.</summary>
public sealed class LoadLog(TextWriter log) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => categoryName == typeof(Purchases.PurchaseImport).FullName ? new Writer(log) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class Writer(TextWriter log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log.WriteLine(formatter(state, exception));
    }
}
