using Microsoft.Data.Sqlite;

namespace MemberCards.Web;

/// <summary>Where the SQLite file lives: ConnectionStrings:MemberCards, a relative path taken from the content root.</summary>
public sealed record DataLocation(string ConnectionString, string FilePath, bool IsDefault)
{
    public const string DefaultConnectionString = "Data Source=data/membercards.db";

    public static DataLocation Resolve(string? configured, string contentRoot)
    {
        var isDefault = string.IsNullOrWhiteSpace(configured) || configured == DefaultConnectionString;
        var builder = new SqliteConnectionStringBuilder(isDefault ? DefaultConnectionString : configured);
        builder.DataSource = Path.GetFullPath(builder.DataSource, contentRoot);
        return new DataLocation(builder.ConnectionString, builder.DataSource, isDefault);
    }
}
