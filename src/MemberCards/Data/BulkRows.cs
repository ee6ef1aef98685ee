using System.Data.Common;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace MemberCards.Data;

/// <summary>
/// Rows of one table for a bulk load, written in the caller's transaction (<see cref="SqlDialect.BulkRows"/>).
/// SQLite takes each row at once through a reused prepared INSERT (<see cref="RowWriter"/>). PostgreSQL answers
/// each statement with a round trip that costs more than the insert, so it gets the rows in chunks through binary
/// COPY: <see cref="Flush"/> writes what is held, and must run before rows of another table that refer to these.
/// </summary>
public abstract class BulkRows : IDisposable
{
    public abstract void Add(params ReadOnlySpan<object?> values);

    public abstract void Flush();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}

internal sealed class InsertedRows(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns) : BulkRows
{
    private readonly RowWriter _insert = RowWriter.Create(connection, transaction,
        $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$" + (i + 1).ToString(CultureInfo.InvariantCulture)))})",
        columns.Count);

    public override void Add(params ReadOnlySpan<object?> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            switch (values[i])
            {
                case null:
                    _insert.BindNull(i + 1);
                    break;
                case long number:
                    _insert.Bind(i + 1, number);
                    break;
                case int number:
                    _insert.Bind(i + 1, number);
                    break;
                // As EF Core stores a bool on SQLite: 0 or 1.
                case bool flag:
                    _insert.Bind(i + 1, flag ? 1 : 0);
                    break;
                case string text:
                    _insert.Bind(i + 1, text);
                    break;
                // As EF Core stores a DateOnly on SQLite: ISO text, which sorts and compares as the date.
                case DateOnly day:
                    _insert.Bind(i + 1, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    break;
                default:
                    throw new ArgumentException($"No insert mapping for {values[i]!.GetType().Name}.", nameof(values));
            }
        }
        _insert.Write();
    }

    public override void Flush()
    {
    }

    protected override void Dispose(bool disposing)
    {
        _insert.Dispose();
        base.Dispose(disposing);
    }
}

internal sealed class CopiedRows(NpgsqlConnection connection, string table, IReadOnlyList<string> columns) : BulkRows
{
    private readonly List<object?[]> _held = [];

    public override void Add(params ReadOnlySpan<object?> values) => _held.Add(values.ToArray());

    public override void Flush()
    {
        if (_held.Count == 0)
        {
            return;
        }
        using (var copy = connection.BeginBinaryImport($"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)"))
        {
            // The load's points lots come in one COPY, longer than the 30 s command timeout on a busy server; zero is no limit (npgsql#6122).
            copy.Timeout = TimeSpan.Zero;
            foreach (var row in _held)
            {
                copy.StartRow();
                foreach (var value in row)
                {
                    Write(copy, value);
                }
            }
            copy.Complete();
        }
        _held.Clear();
    }

    // Binary COPY carries no type names: each value goes as the column type its .NET type maps to.
    private static void Write(NpgsqlBinaryImporter copy, object? value)
    {
        switch (value)
        {
            case null:
                copy.WriteNull();
                break;
            case int number:
                copy.Write(number, NpgsqlDbType.Integer);
                break;
            case long number:
                copy.Write(number, NpgsqlDbType.Bigint);
                break;
            case bool flag:
                copy.Write(flag, NpgsqlDbType.Boolean);
                break;
            case string text:
                copy.Write(text, NpgsqlDbType.Text);
                break;
            case DateOnly day:
                copy.Write(day, NpgsqlDbType.Date);
                break;
            default:
                throw new ArgumentException($"No COPY mapping for {value.GetType().Name}.", nameof(value));
        }
    }
}
