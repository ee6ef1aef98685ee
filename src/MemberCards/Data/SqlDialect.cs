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

    /// <summary>Makes the planner read a table through <paramref name="index"/>, where the engine needs telling.</summary>
    public abstract string IndexHint(string index);

    /// <summary>Whether NULL comes before every value in ascending order (SQLite) or after (PostgreSQL).</summary>
    public abstract bool SortsNullsLowest { get; }

    /// <summary>The UTC month, as "yyyy-MM", of an expression in Unix milliseconds.</summary>
    public abstract string MonthOf(string unixMilliseconds);
}
