using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Auditing;
using MemberCards.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Import;

/// <summary>A header the shop's files use for a field, saved from a corrected mapping (one row per kind and field).</summary>
public sealed class ImportColumnName
{
    public ImportKind Kind { get; set; }
    public ImportField Field { get; set; }
    public string Header { get; set; } = "";
    public DateTime SavedAt { get; set; }
    public string SavedBy { get; set; } = "";
}

/// <summary>The header names saved for a kind of file: each field's, and when and by whom.</summary>
public sealed record SavedColumnNames(IReadOnlyDictionary<ImportField, string> Headers, DateTime SavedAt, string SavedBy);

/// <summary>
/// A manager who corrected a mapping saves it: the headers the file had for each mapped field are remembered for that
/// kind of file, and the next file — on the page or the command line — whose columns carry those names is mapped the
/// same way before the built-in names are tried. Saving again replaces what was saved.
/// </summary>
public sealed class ImportColumnNamesService(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock)
{
    public const int HeaderLength = 200;

    public async Task<SavedColumnNames?> LoadAsync(ImportKind kind, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.Require(user, Roles.Manager);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.ImportColumnNames.AsNoTracking().Where(n => n.Kind == kind).ToListAsync(cancellationToken);
        return rows.Count == 0 ? null : new SavedColumnNames(rows.ToDictionary(r => r.Field, r => r.Header), rows.Max(r => r.SavedAt), rows[0].SavedBy);
    }

    public async Task<Result<SavedColumnNames>> SaveAsync(ImportMapping mapping, IReadOnlyList<string> headers, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(headers);
        var by = Access.Require(user, Roles.Manager);
        var named = mapping.Columns.Where(c => c.Value < headers.Count && !string.IsNullOrWhiteSpace(headers[c.Value]))
            .ToDictionary(c => c.Key, c => headers[c.Value].Trim());
        if (named.Count == 0 || named.Values.Any(h => h.Length > HeaderLength))
        {
            return Result<SavedColumnNames>.Refused("", MessageCode.ImportColumnNamesUnsaved);
        }
        var now = clock.UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.ImportColumnNames.Where(n => n.Kind == mapping.Kind).ExecuteDeleteAsync(cancellationToken);
        db.ImportColumnNames.AddRange(named.Select(n => new ImportColumnName { Kind = mapping.Kind, Field = n.Key, Header = n.Value, SavedAt = now, SavedBy = by }));
        AuditLog.Add(db, now, by, AuditActions.ImportColumnsSaved, "ImportColumns", mapping.Kind.ToString(),
            new { Kind = mapping.Kind.ToString(), Columns = named.ToDictionary(n => n.Key.ToString(), n => n.Value) });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<SavedColumnNames>.Ok(new SavedColumnNames(named, now, by));
    }
}
