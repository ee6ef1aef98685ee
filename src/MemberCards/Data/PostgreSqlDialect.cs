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

    public override string MonthOf(string unixMilliseconds) =>
        $"to_char(to_timestamp(({unixMilliseconds}) / 1000) AT TIME ZONE 'UTC', 'YYYY-MM')";
}
