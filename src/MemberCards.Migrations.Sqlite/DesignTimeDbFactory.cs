using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MemberCards.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the web host.</summary>
public sealed class DesignTimeDbFactory : IDesignTimeDbContextFactory<MemberCardsDb>
{
    public MemberCardsDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<MemberCardsDb>().UseMemberCardsDatabase(DatabaseProvider.Sqlite, "Data Source=design-time.db").Options);
}
