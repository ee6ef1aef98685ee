using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MemberCards.Benchmarks;

/// <summary>
/// Listens to EF Core's diagnostic events and keeps the SQL each timed operation ran, as EF Core generated it,
/// without any hook in the app itself.
/// </summary>
public sealed class SqlCapture : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly Dictionary<string, List<string>> _byOperation = [];
    private readonly IDisposable _subscription;
    private readonly List<IDisposable> _listeners = [];

    public SqlCapture() => _subscription = DiagnosticListener.AllListeners.Subscribe(this);

    public string? Operation { get; set; }

    public IReadOnlyDictionary<string, List<string>> ByOperation => _byOperation;

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            _listeners.Add(value.Subscribe(this));
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (Operation is null || value.Key != RelationalEventId.CommandExecuted.Name || value.Value is not CommandExecutedEventData data)
        {
            return;
        }
        lock (_byOperation)
        {
            var list = _byOperation.TryGetValue(Operation, out var found) ? found : _byOperation[Operation] = [];
            if (!list.Contains(data.Command.CommandText))
            {
                list.Add(data.Command.CommandText);
            }
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _listeners.ForEach(l => l.Dispose());
    }
}
