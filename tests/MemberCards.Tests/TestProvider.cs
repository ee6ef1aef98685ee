using MemberCards.Data;

namespace MemberCards.Tests;

/// <summary>
/// The provider this test assembly runs on: MemberCards.Tests on SQLite, MemberCards.Tests.PostgreSql (the same
/// test files, compiled with POSTGRESQL) on PostgreSQL.
/// </summary>
public static class TestProvider
{
#if POSTGRESQL
    public static DatabaseProvider Current { get; } = DatabaseProvider.PostgreSql;
#else
    public static DatabaseProvider Current { get; } = DatabaseProvider.Sqlite;
#endif
}
