using System.Data.Common;

namespace MemberCards.Data;

/// <summary>
/// Many rows of changes applied by one statement: the rows go into a temporary table through <see cref="BulkRows"/>
/// (binary COPY on PostgreSQL), one statement joins it to the table it changes, and the temporary table is dropped.
/// The bulk load moves its figures this way: one statement per row would cost PostgreSQL a round trip each,
/// minutes at a million purchases. All of it runs in the caller's transaction, so a failed load leaves nothing.
/// </summary>
public static class StagedChanges
{
    /// <summary>
    /// Creates temporary table <paramref name="table"/> with <paramref name="definition"/> (its columns in the order of
    /// <paramref name="columns"/>), fills it with <paramref name="rows"/>, runs <paramref name="apply"/> and drops it;
    /// returns the rows <paramref name="apply"/> changed.
    /// </summary>
    public static int Apply(DbConnection connection, DbTransaction transaction, string table, string definition, IReadOnlyList<string> columns,
        IEnumerable<object?[]> rows, string apply)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(rows);
        Execute(connection, transaction, $"CREATE TEMP TABLE \"{table}\" ({definition})");
        using (var staged = SqlDialect.Of(connection).BulkRows(connection, transaction, table, columns))
        {
            foreach (var row in rows)
            {
                staged.Add(row);
            }
            staged.Flush();
        }
        var changed = Execute(connection, transaction, apply);
        Execute(connection, transaction, $"DROP TABLE \"{table}\"");
        return changed;
    }

    private static int Execute(DbConnection connection, DbTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        // A million purchases' figures in one statement can outlast the 30 s default on a busy server.
        command.CommandTimeout = 0;
        return command.ExecuteNonQuery();
    }
}
