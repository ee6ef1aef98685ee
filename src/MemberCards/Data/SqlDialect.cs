using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace MemberCards.Data;

/// <summary>
/// The pieces of SQL text that differ between SQLite and PostgreSQL, so a reader sees in this folder what
/// differs. Everything else in the raw queries is written once in SQL both accept: quoted identifiers, integer
/// arithmetic on Unix milliseconds, window functions, row values, booleans tested bare (SQLite's 0/1 and
/// PostgreSQL's boolean both work in a WHERE), CAST(flag AS INTEGER) to count them.
/// </summary>
public abstract class SqlDialect
{
    public static SqlDialect Of(DatabaseFacade database) =>
        database.IsNpgsql() ? PostgreSqlDialect.Instance : SqliteDialect.Instance;

    public static SqlDialect Of(DbConnection connection) =>
        connection is Npgsql.NpgsqlConnection ? PostgreSqlDialect.Instance : SqliteDialect.Instance;

    /// <summary>The name a command parameter needs so that $1, $2 … in the text bind to it by position.</summary>
    public abstract string PositionalParameterName(int position);

    /// <summary>Whether a command can be prepared before its parameters carry values (SQLite needs no types; PostgreSQL does).</summary>
    public abstract bool PreparesWithoutValues { get; }

    /// <summary>Run on the connection before a bulk load's transaction, or null.</summary>
    public abstract string? BeforeBulkLoad { get; }

    /// <summary>Run on the connection after a bulk load's transaction ended, committed or not, or null.</summary>
    public abstract string? AfterBulkLoad { get; }

    /// <summary>Run on the connection before one long write transaction (the demo fill), or null.</summary>
    public abstract string? BeforeLongTransaction { get; }

    /// <summary>Run on the connection after that transaction ended, or null.</summary>
    public abstract string? AfterLongTransaction { get; }

    /// <summary>Whether a bulk load drops the purchase tables' secondary indexes and builds them once at the end.</summary>
    public abstract bool RebuildsIndexesAfterBulkLoad { get; }

    /// <summary>A writer for a bulk load's rows of <paramref name="table"/>, in the given column order.</summary>
    public abstract BulkRows BulkRows(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns);

    /// <summary>Run after rows were inserted with ids the app chose, so the table's own numbering continues after them; or null.</summary>
    public abstract string? ContinueIdsAfterExplicitInserts(string table);

    /// <summary>
    /// A query for <c>{0}</c> new ids of <paramref name="table"/>, one per row, that no other transaction gets: rows
    /// then inserted with them (in bulk, with <see cref="BulkRows"/>) need no round trip back for their ids.
    /// </summary>
    public abstract string TakeIds(string table);

    /// <summary>Makes the planner read a table through <paramref name="index"/>, where the engine needs telling.</summary>
    public abstract string IndexHint(string index);

    /// <summary>
    /// Locks the row of <paramref name="table"/> whose "Id" is the parameter {0} until the transaction ends, where
    /// another writer could otherwise change it in between; or null where the transaction already excludes them.
    /// </summary>
    public abstract string? LockRowById(string table);

    /// <summary>Runs <see cref="LockRowById"/> for row <paramref name="id"/> of <paramref name="table"/> in the caller's transaction, where it is needed.</summary>
    public Task LockRowAsync(DatabaseFacade database, string table, int id, CancellationToken cancellationToken) =>
        LockRowById(table) is { } sql ? database.ExecuteSqlRawAsync(sql, [id], cancellationToken) : Task.CompletedTask;

    /// <summary>Whether NULL comes before every value in ascending order (SQLite) or after (PostgreSQL).</summary>
    public abstract bool SortsNullsLowest { get; }

    /// <summary>The UTC month, as "yyyy-MM", of an expression in Unix milliseconds.</summary>
    public abstract string MonthOf(string unixMilliseconds);
}
