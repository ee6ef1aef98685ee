namespace MemberCards.Data;

/// <summary>The member page's raw SQL.</summary>
public static class MemberSql
{
    /// <summary>
    /// A member's spend per month over one stretch of constant UTC offset. Parameters: {0} the offset in milliseconds,
    /// {1} the member id, {2} and {3} the stretch's start and end in Unix milliseconds.
    /// </summary>
    public static string SpendByMonth(SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return $$"""
            SELECT {{dialect.MonthOf("\"PurchasedAt\" + {0}")}} AS "Month", SUM("TotalMinor") AS "SpendMinor"
            FROM "Purchases"
            WHERE "MemberId" = {1} AND "VoidedAt" IS NULL AND "PurchasedAt" >= {2} AND "PurchasedAt" < {3}
            GROUP BY 1
            """;
    }
}
