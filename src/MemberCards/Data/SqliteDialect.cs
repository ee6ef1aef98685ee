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

    // A write transaction begins IMMEDIATE and holds the database's one write lock: no other writer gets in between.
    public override string? LockRowById(string table) => null;

    public override string PositionalParameterName(int position) => "$" + position.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public override bool PreparesWithoutValues => true;

    // Every member and product id is checked by the quote and purchase ids are handed out by the batch, so SQLite's
    // per-row foreign key lookups only repeat those checks; skipping them makes the load a third faster. (The pragma
    // does nothing inside a transaction, hence before it.) A large page cache lets the index rebuilds sort in memory.
    public override string? BeforeBulkLoad => "PRAGMA foreign_keys = OFF; PRAGMA cache_size = -262144;";

    public override string? AfterBulkLoad => "PRAGMA foreign_keys = ON; PRAGMA cache_size = -2000;";

    // One transaction that changes many pages spills them to the journal past the default 2 MB cache and reads
    // them back; the demo fill's voids at its end slow to a crawl without a larger one.
    public override string? BeforeLongTransaction => "PRAGMA cache_size = -262144;";

    public override string? AfterLongTransaction => "PRAGMA cache_size = -2000;";

    public override bool RebuildsIndexesAfterBulkLoad => true;

    public override BulkRows BulkRows(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string table, IReadOnlyList<string> columns) =>
        new InsertedRows(connection, transaction, table, columns);

    // The write transaction holds the only write lock, so the ids after the largest are free until it ends.
    public override string TakeIds(string table) =>
        $"WITH RECURSIVE \"N\"(\"I\") AS (SELECT 1 UNION ALL SELECT \"I\" + 1 FROM \"N\" WHERE \"I\" < {{0}}) SELECT (SELECT COALESCE(MAX(\"Id\"), 0) FROM \"{table}\") + \"I\" AS \"Value\" FROM \"N\"";

    // INTEGER PRIMARY KEY continues from the largest id by itself.
    public override string? ContinueIdsAfterExplicitInserts(string table) => null;

    public override string MonthOf(string unixMilliseconds) => $"strftime('%Y-%m', ({unixMilliseconds}) / 1000, 'unixepoch')";
}
