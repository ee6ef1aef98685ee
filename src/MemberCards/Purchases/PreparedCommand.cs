using System.Data.Common;
using MemberCards.Data;

namespace MemberCards.Purchases;

/// <summary>A command with positional parameters ($1, $2 …), prepared once and executed many times with new values.</summary>
public sealed class PreparedCommand : IAsyncDisposable, IDisposable
{
    private readonly DbCommand _command;
    private bool _prepared;

    private PreparedCommand(DbCommand command, bool prepared) => (_command, _prepared) = (command, prepared);

    public static PreparedCommand Create(DbConnection connection, DbTransaction transaction, string sql, int parameterCount)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var dialect = SqlDialect.Of(connection);
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 1; i <= parameterCount; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = dialect.PositionalParameterName(i);
            command.Parameters.Add(parameter);
        }
        // Where preparing needs the parameters' types (PostgreSQL), it waits for the first values.
        if (dialect.PreparesWithoutValues)
        {
            command.Prepare();
        }
        return new PreparedCommand(command, dialect.PreparesWithoutValues);
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
        if (!_prepared)
        {
            _command.Prepare();
            _prepared = true;
        }
    }

    public void Dispose() => _command.Dispose();

    public ValueTask DisposeAsync() => _command.DisposeAsync();
}
