namespace MemberCards.Data;

/// <summary>PostgreSQL's text for the pieces in <see cref="SqlDialect"/>.</summary>
public sealed class PostgreSqlDialect : SqlDialect
{
    public static readonly PostgreSqlDialect Instance = new();

    private PostgreSqlDialect()
    {
    }

    // PostgreSQL has no index hints; its statistics (ANALYZE) choose the plan.
    public override string IndexHint(string index) => "";

    public override bool SortsNullsLowest => false;

    public override string? LockRowById(string table) => $"SELECT 1 FROM \"{table}\" WHERE \"Id\" = {{0}} FOR UPDATE";

    // Npgsql binds $1, $2 … to unnamed parameters in order.
    public override string PositionalParameterName(int position) => "";

    public override bool PreparesWithoutValues => false;

    // Foreign keys stay checked (they cannot be switched off per session without superuser rights).
    public override string? BeforeBulkLoad => null;

    // Fresh statistics at once, so the next queries are planned for the loaded rows (autovacuum would take a while).
    public override string? AfterBulkLoad => "ANALYZE \"Purchases\", \"PurchaseLines\", \"Members\", \"RevenueBuckets\", \"ProductSalesDays\"";

    // Index rebuilds are SQLite's measured gain; PostgreSQL keeps its indexes through the load.
    public override string? BeforeLongTransaction => null;

    public override string? AfterLongTransaction => null;

    public override bool RebuildsIndexesAfterBulkLoad => false;

    public override BulkRows BulkRows(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string table, IReadOnlyList<string> columns) =>
        new CopiedRows((Npgsql.NpgsqlConnection)connection, table, columns);

    // The identity column's own sequence hands out each id once, whatever other transactions do.
    public override string TakeIds(string table) =>
        $"SELECT nextval(pg_get_serial_sequence('\"{table}\"', 'Id')) AS \"Value\" FROM generate_series(1, {{0}})";

    // An identity column's sequence does not see ids inserted explicitly: move it past them.
    public override string? ContinueIdsAfterExplicitInserts(string table) =>
        $"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'Id'), COALESCE((SELECT MAX(\"Id\") FROM \"{table}\"), 0) + 1, false)";

    public override string MonthOf(string unixMilliseconds) =>
        $"to_char(to_timestamp(({unixMilliseconds}) / 1000) AT TIME ZONE 'UTC', 'YYYY-MM')";
}
