using Microsoft.EntityFrameworkCore;

namespace MemberCards.Data;

/// <summary>How a context is pointed at each provider, with that provider's own migrations assembly.</summary>
public static class DatabaseConfiguration
{
    public const string SqliteMigrationsAssembly = "MemberCards.Migrations.Sqlite";
    public const string PostgreSqlMigrationsAssembly = "MemberCards.Migrations.PostgreSql";

    public static DbContextOptionsBuilder<MemberCardsDb> UseMemberCardsDatabase(this DbContextOptionsBuilder<MemberCardsDb> options, DatabaseProvider provider, string connectionString)
    {
        ((DbContextOptionsBuilder)options).UseMemberCardsDatabase(provider, connectionString);
        return options;
    }

    public static DbContextOptionsBuilder UseMemberCardsDatabase(this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        return provider switch
        {
            DatabaseProvider.PostgreSql => options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(PostgreSqlMigrationsAssembly))
                .AddInterceptors(CommandTiming.Instance),
            _ => options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly))
                .AddInterceptors(new SqliteConnectionSettings(), CommandTiming.Instance),
        };
    }
}
