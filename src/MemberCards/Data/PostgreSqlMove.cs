using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace MemberCards.Data;

/// <summary>How many rows of one table the move copied.</summary>
public sealed record CopiedTable(string Table, long Rows);

/// <summary>What the move did: the rows copied per table, or what is wrong with the target and what to do (nothing written).</summary>
public sealed record MoveResult(string? Problem, IReadOnlyList<CopiedTable> Copied);

/// <summary>
/// Moves a shop from its SQLite database into an empty PostgreSQL one (<c>migrate-to-postgres</c>): checks the
/// target, migrates it with the PostgreSQL migrations, then copies every table of the model with its ids through
/// binary COPY in one transaction on the target and moves each identity sequence past the copied ids. The tables
/// and columns come from the EF model, so a table added later is moved without touching this file. The sign-in keys,
/// which a SQLite shop keeps as files beside its database, go into the keys table in the same transaction.
/// </summary>
public sealed class PostgreSqlMove(IDbContextFactory<MemberCardsDb> sourceFactory, ILogger<PostgreSqlMove> logger)
{
    private const string Setting = "--to";

    /// <param name="keysFolder">The folder of the shop's sign-in keys (key-*.xml), or null when it has none.</param>
    public async Task<MoveResult> MoveAsync(string target, string? keysFolder, CancellationToken cancellationToken)
    {
        if (await PostgreSqlStartupCheck.CheckAsync(target, Setting, logger, cancellationToken) is { } unusable)
        {
            return new MoveResult(unusable, []);
        }
        await using var source = await sourceFactory.CreateDbContextAsync(cancellationToken);
        if (source.Database.IsNpgsql())
        {
            return new MoveResult("migrate-to-postgres reads the shop's SQLite database: run it with MemberCards:Database:Provider set to Sqlite.", []);
        }
        await using var copy = new MemberCardsDb(new DbContextOptionsBuilder<MemberCardsDb>().UseMemberCardsDatabase(DatabaseProvider.PostgreSql, target).Options);
        await using var keys = new DataProtectionKeysDb(new DbContextOptionsBuilder<DataProtectionKeysDb>()
            .UseNpgsql(target, npgsql => npgsql.MigrationsAssembly(DatabaseConfiguration.PostgreSqlMigrationsAssembly).MigrationsHistoryTable(DataProtectionKeysDb.HistoryTable)).Options);
        var where = PostgreSqlStartupCheck.Describe(target);
        var unknown = (await copy.Database.GetAppliedMigrationsAsync(cancellationToken)).Except(copy.Database.GetMigrations()).ToList();
        if (unknown.Count > 0)
        {
            return new MoveResult($"The target {where} has a newer schema than this version of Member Cards knows ({unknown[^1]}): give it a new, empty database.", []);
        }
        if (await FirstTableWithRowsAsync(copy, cancellationToken) is { } table)
        {
            return new MoveResult($"The target {where} is not empty (table {table} holds rows): give migrate-to-postgres a new, empty database (createdb), so no shop's data is mixed with another's.", []);
        }
        await copy.Database.MigrateAsync(cancellationToken);
        await keys.Database.MigrateAsync(cancellationToken);

        var from = (SqliteConnection)source.Database.GetDbConnection();
        await from.OpenAsync(cancellationToken);
        // One read transaction: every table is read at the same moment, even if the app was left running.
        await using var reading = from.BeginTransaction(deferred: true);
        var to = (NpgsqlConnection)copy.Database.GetDbConnection();
        await to.OpenAsync(cancellationToken);
        await using var writing = await to.BeginTransactionAsync(cancellationToken);
        var copied = new List<CopiedTable>();
        var order = ParentsFirst(copy.Model).ToList();
        // The target was empty before it was migrated: what it holds now a migration seeded (the preset tiers), and
        // the shop's own rows replace it.
        foreach (var entity in Enumerable.Reverse(order))
        {
            await using var clear = new NpgsqlCommand($"DELETE FROM \"{entity.GetTableName()}\"", to, writing);
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }
        foreach (var entity in order)
        {
            try
            {
                copied.Add(await CopyTableAsync(entity, reading, to, cancellationToken));
            }
            catch (PostgresException e) when (e.SqlState.StartsWith("22", StringComparison.Ordinal) || e.SqlState.StartsWith("23", StringComparison.Ordinal))
            {
                // SQLite does not enforce declared lengths or every constraint; PostgreSQL does. The transaction
                // ends unused, so the target keeps only its empty schema and the move can run again once fixed.
                return new MoveResult($"A row of {entity.GetTableName()} does not fit PostgreSQL ({e.MessageText}{(e.Where is { Length: > 0 } at ? "; " + at : "")}): fix that row in the SQLite database, then run the move again into an empty database; nothing was copied.", []);
            }
            logger.LogInformation("Copied {Rows} rows of {Table}", copied[^1].Rows, copied[^1].Table);
        }
        try
        {
            copied.Add(await CopyKeysAsync(keysFolder, keys.Model.FindEntityType(typeof(DataProtectionKey))!.GetTableName()!, to, cancellationToken));
        }
        catch (System.Xml.XmlException e)
        {
            return new MoveResult($"A sign-in key file in {keysFolder} is not readable ({e.Message}): restore the folder from a backup, or move it aside (everyone then signs in once more); nothing was copied.", []);
        }
        await MoveSequencesAsync(to, cancellationToken);
        await writing.CommitAsync(cancellationToken);
        return new MoveResult(null, copied);
    }

    private static async Task<string?> FirstTableWithRowsAsync(MemberCardsDb copy, CancellationToken cancellationToken)
    {
        // Any table, not just the app's: a database that holds anything else is not one to pour a shop into. The tiers
        // are what a migration seeds (the presets), so a target the app already migrated still counts as empty.
        var tables = await copy.Database.SqlQueryRaw<string>(
            "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name NOT IN ('__EFMigrationsHistory', '__DataProtectionMigrationsHistory', 'Tiers') ORDER BY table_name")
            .ToListAsync(cancellationToken);
        foreach (var table in tables)
        {
            // The name comes from the catalog, quoted with its own quotes doubled.
            var exists = "SELECT EXISTS (SELECT 1 FROM \"" + table.Replace("\"", "\"\"", StringComparison.Ordinal) + "\") AS \"Value\"";
            if (await copy.Database.SqlQueryRaw<bool>(exists).SingleAsync(cancellationToken))
            {
                return table;
            }
        }
        return null;
    }

    /// <summary>The tables in an order where every foreign key points at a table already copied.</summary>
    private static List<IEntityType> ParentsFirst(IModel model)
    {
        var ordered = new List<IEntityType>();
        var left = model.GetEntityTypes().Where(e => e.GetTableName() is not null && !e.IsOwned()).ToList();
        while (left.Count > 0)
        {
            var ready = left.First(e => e.GetForeignKeys().All(fk => fk.PrincipalEntityType == e || ordered.Contains(fk.PrincipalEntityType)));
            ordered.Add(ready);
            left.Remove(ready);
        }
        return ordered;
    }

    private static async Task<CopiedTable> CopyTableAsync(IEntityType entity, SqliteTransaction reading, NpgsqlConnection to, CancellationToken cancellationToken)
    {
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var columns = entity.GetProperties().Select(p => (Name: p.GetColumnName(store)!, Type: StoredType(p))).ToList();
        var names = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
        await using var read = reading.Connection!.CreateCommand();
        read.Transaction = reading;
        read.CommandText = $"SELECT {names} FROM \"{table}\"";
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        await using var write = await to.BeginBinaryImportAsync($"COPY \"{table}\" ({names}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        // A table of a million rows takes longer than the 30 s command timeout to take in; zero is no limit (npgsql#6122).
        write.Timeout = TimeSpan.Zero;
        while (await reader.ReadAsync(cancellationToken))
        {
            await write.StartRowAsync(cancellationToken);
            for (var i = 0; i < columns.Count; i++)
            {
                await WriteAsync(write, reader, i, columns[i].Type, cancellationToken);
            }
        }
        return new CopiedTable(table, (long)await write.CompleteAsync(cancellationToken));
    }

    // What the column holds after the model's conversions (enums as integers, instants as Unix milliseconds).
    private static Type StoredType(IProperty property)
    {
        var type = property.GetTypeMapping().Converter?.ProviderClrType ?? property.ClrType;
        return Nullable.GetUnderlyingType(type) ?? type;
    }

    // Binary COPY carries no type names: each value is read as the type the PostgreSQL column has and sent as it.
    private static Task WriteAsync(NpgsqlBinaryImporter write, DbDataReader reader, int i, Type type, CancellationToken cancellationToken) =>
        reader.IsDBNull(i) ? write.WriteNullAsync(cancellationToken)
        : type == typeof(int) ? write.WriteAsync(reader.GetInt32(i), NpgsqlDbType.Integer, cancellationToken)
        : type == typeof(long) ? write.WriteAsync(reader.GetInt64(i), NpgsqlDbType.Bigint, cancellationToken)
        : type == typeof(bool) ? write.WriteAsync(reader.GetBoolean(i), NpgsqlDbType.Boolean, cancellationToken)
        : type == typeof(string) ? write.WriteAsync(reader.GetString(i), NpgsqlDbType.Text, cancellationToken)
        : type == typeof(Guid) ? write.WriteAsync(reader.GetGuid(i), NpgsqlDbType.Uuid, cancellationToken)
        : type == typeof(DateTimeOffset) ? write.WriteAsync(reader.GetFieldValue<DateTimeOffset>(i).ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken)
        // SQLite keeps a date as ISO text and a list of strings as a JSON array; PostgreSQL as date and text[].
        : type == typeof(DateOnly) ? write.WriteAsync(DateOnly.ParseExact(reader.GetString(i), "yyyy-MM-dd", CultureInfo.InvariantCulture), NpgsqlDbType.Date, cancellationToken)
        : type == typeof(List<string>) ? write.WriteAsync(JsonSerializer.Deserialize<string[]>(reader.GetString(i)) ?? [], NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken)
        : throw new NotSupportedException($"The move has no mapping for a {type.Name} column; add one here.");

    /// <summary>
    /// The key ring as PersistKeysToFileSystem wrote it (one key-{id}.xml per key) into the table PersistKeysToDbContext
    /// reads, named and serialized as that store does, so cookies issued before the move stay readable after it. A key
    /// the OS protected at rest (Windows DPAPI) is copied as it is and opens only where it was written.
    /// </summary>
    private static async Task<CopiedTable> CopyKeysAsync(string? folder, string table, NpgsqlConnection to, CancellationToken cancellationToken)
    {
        var files = folder is not null && Directory.Exists(folder) ? Directory.GetFiles(folder, "*.xml").Order(StringComparer.Ordinal).ToList() : [];
        foreach (var file in files)
        {
            var key = System.Xml.Linq.XElement.Load(file);
            await using var insert = new NpgsqlCommand($"INSERT INTO \"{table}\" (\"FriendlyName\", \"Xml\") VALUES ($1, $2)", to);
            insert.Parameters.Add(new NpgsqlParameter { Value = Path.GetFileNameWithoutExtension(file) });
            insert.Parameters.Add(new NpgsqlParameter { Value = key.ToString(System.Xml.Linq.SaveOptions.DisableFormatting) });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        return new CopiedTable(table, files.Count);
    }

    private static async Task MoveSequencesAsync(NpgsqlConnection to, CancellationToken cancellationToken)
    {
        var identities = new List<(string Table, string Column)>();
        await using (var find = new NpgsqlCommand("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES'", to))
        await using (var reader = await find.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                identities.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        foreach (var (table, column) in identities)
        {
            // Copied ids were given explicitly, which leaves the sequence at its start: the next insert would clash.
            await using var move = new NpgsqlCommand(
                $"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), MAX(\"{column}\")) FROM \"{table}\" HAVING MAX(\"{column}\") IS NOT NULL", to);
            await move.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
