namespace MemberCards.Data;

/// <summary>SQLite's text for the pieces in <see cref="SqlDialect"/>.</summary>
public sealed class SqliteDialect : SqlDialect
{
    public static readonly SqliteDialect Instance = new();

    private SqliteDialect()
    {
    }

    // SQLite's planner has no statistics on the purchases by default and picks the time index for long periods.
    public override string IndexHint(string index) => $"INDEXED BY \"{index}\"";

    public override bool SortsNullsLowest => true;

    public override string MonthOf(string unixMilliseconds) => $"strftime('%Y-%m', ({unixMilliseconds}) / 1000, 'unixepoch')";
}
