using System.Data.Common;

namespace MemberCards.Purchases;

/// <summary>A command with positional parameters ($1, $2 …), prepared once and executed many times with new values.</summary>
public sealed class PreparedCommand : IAsyncDisposable, IDisposable
{
    private readonly DbCommand _command;

    private PreparedCommand(DbCommand command) => _command = command;

    public static PreparedCommand Create(DbConnection connection, DbTransaction transaction, string sql, int parameterCount)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 1; i <= parameterCount; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "$" + i;
            command.Parameters.Add(parameter);
        }
        command.Prepare();
        return new PreparedCommand(command);
    }

    public void Execute(params ReadOnlySpan<object?> values)
    {
        Bind(values);
        _command.ExecuteNonQuery();
    }

    public Task<int> ExecuteAsync(CancellationToken cancellationToken, params object?[] values)
    {
        Bind(values);
        return _command.ExecuteNonQueryAsync(cancellationToken);
    }

    private void Bind(ReadOnlySpan<object?> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            _command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    public void Dispose() => _command.Dispose();

    public ValueTask DisposeAsync() => _command.DisposeAsync();
}
