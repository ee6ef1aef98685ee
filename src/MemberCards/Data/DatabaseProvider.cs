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
