using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MemberCards.Data;

/// <summary>Lets `dotnet ef migrations add` build the PostgreSQL model; it never connects.</summary>
public sealed class DesignTimeDbFactory : IDesignTimeDbContextFactory<MemberCardsDb>
{
    public MemberCardsDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<MemberCardsDb>().UseMemberCardsDatabase(DatabaseProvider.PostgreSql, "Host=localhost;Database=design_time").Options);
}

public sealed class DesignTimeKeysDbFactory : IDesignTimeDbContextFactory<DataProtectionKeysDb>
{
    public DataProtectionKeysDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<DataProtectionKeysDb>().UseNpgsql("Host=localhost;Database=design_time", npgsql => npgsql
            .MigrationsAssembly(DatabaseConfiguration.PostgreSqlMigrationsAssembly)
            .MigrationsHistoryTable(DataProtectionKeysDb.HistoryTable)).Options);
}
