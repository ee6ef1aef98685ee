using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Data;

/// <summary>
/// The keys that protect sign-in cookies, in the PostgreSQL database every web instance shares, so a cookie
/// issued by one instance is read by the others. Its own context and migrations history: SQLite keeps its keys
/// in a folder beside the file, and this table exists only on PostgreSQL.
/// </summary>
public sealed class DataProtectionKeysDb(DbContextOptions<DataProtectionKeysDb> options) : DbContext(options), IDataProtectionKeyContext
{
    public const string HistoryTable = "__DataProtectionMigrationsHistory";

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
}
