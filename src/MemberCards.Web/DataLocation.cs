using MemberCards.Data;
using Microsoft.Data.Sqlite;

namespace MemberCards.Web;

/// <summary>
/// Where the database lives: ConnectionStrings:MemberCards. For SQLite a file, a relative path taken from the
/// content root; for PostgreSQL the connection string as given (the SQLite default counts as none given).
/// </summary>
public sealed record DataLocation(DatabaseProvider Provider, string ConnectionString, string? FilePath, bool IsDefault)
{
    public const string DefaultConnectionString = "Data Source=data/membercards.db";

    public static DataLocation Resolve(DatabaseProvider provider, string? configured, string contentRoot)
    {
        var isDefault = string.IsNullOrWhiteSpace(configured) || configured == DefaultConnectionString;
        if (provider == DatabaseProvider.PostgreSql)
        {
            return new DataLocation(provider, isDefault ? "" : configured!, null, false);
        }
        var builder = new SqliteConnectionStringBuilder(isDefault ? DefaultConnectionString : configured);
        builder.DataSource = Path.GetFullPath(builder.DataSource, contentRoot);
        return new DataLocation(provider, builder.ConnectionString, builder.DataSource, isDefault);
    }
}
