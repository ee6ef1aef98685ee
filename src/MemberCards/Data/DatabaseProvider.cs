namespace MemberCards.Data;

/// <summary>
/// The database engine: SQLite (embedded, one shop, the default) or PostgreSQL (a chain with several web
/// instances on one server). Set with MemberCards:Database:Provider.
/// </summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>The <c>MemberCards:Database</c> section; the connection string stays in ConnectionStrings:MemberCards.</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}
