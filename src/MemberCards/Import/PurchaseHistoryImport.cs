using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Auditing;
using MemberCards.Data;
using MemberCards.Purchases;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Import;

/// <summary>
/// Purchase history from another system: each row a line (date, member by card or phone, product by name or number,
/// quantity, price — the product's when empty); rows of one receipt number, or else of one member at one time, are
/// one purchase. Purchases go through the bulk posting (<see cref="PurchaseImport"/>: the same quote and effects as
/// the till), then members reach the tiers their history earns. A file is recognised by its fingerprint: importing
/// it again is refused, since history has no key that would tell a purchase already there from a second one alike.
/// </summary>
public sealed class PurchaseHistoryImport(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock, PurchaseImport purchases, PurchaseFeed feed)
{
    private const string FileEntity = "ImportFile";

    public async Task<Result<ImportReport>> DryRunAsync(ImportTable table, ImportMapping mapping, ImportOptions choices, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var by = Access.Require(user, Roles.Manager);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var read = await ReadAsync(db, table, mapping, choices, by, cancellationToken);
        return read.Succeeded ? Result<ImportReport>.Ok(read.Value!.Report) : Result<ImportReport>.Refused(read.Errors);
    }

    /// <summary>Loads the purchases of the rows that pass, in one transaction; refused rows are left out and reported.</summary>
    public async Task<Result<ImportReport>> CommitAsync(ImportTable table, ImportMapping mapping, ImportOptions choices, string fileName, ClaimsPrincipal user,
        IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var by = Access.Require(user, Roles.Manager);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var dialect = SqlDialect.Of(db.Database);
        if (dialect.BeforeBulkLoad is { } before)
        {
            await db.Database.ExecuteSqlRawAsync(before, cancellationToken);
        }
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var read = await ReadAsync(db, table, mapping, choices, by, cancellationToken);
            if (!read.Succeeded)
            {
                return Result<ImportReport>.Refused(read.Errors);
            }
            var (report, loads) = read.Value!;
            progress?.Report(new ImportProgress(table.Rows.Count / 4, table.Rows.Count));
            var loaded = await purchases.LoadAsync(db, [.. loads.Select(l => l.Purchase)], user, cancellationToken);
            if (!loaded.Succeeded)
            {
                return Result<ImportReport>.Refused([.. loaded.Errors.Select(e => InRow(e, loads))]);
            }
            progress?.Report(new ImportProgress(table.Rows.Count * 9 / 10, table.Rows.Count));
            await Tiers.TierEvaluation.AssignFromHistoryAsync(db, clock, by, cancellationToken);
            AuditLog.Add(db, clock.UtcNow, by, AuditActions.PurchasesImported, FileEntity, table.Fingerprint,
                new { File = fileName, Purchases = report.Created, Lines = table.Rows.Count - report.Refused, report.Refused });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            progress?.Report(new ImportProgress(table.Rows.Count, table.Rows.Count));
            foreach (var change in loaded.Value!)
            {
                feed.Publish(change);
            }
            return Result<ImportReport>.Ok(report);
        }
        finally
        {
            if (dialect.AfterBulkLoad is { } after)
            {
                await db.Database.ExecuteSqlRawAsync(after, CancellationToken.None);
            }
        }
    }

    private sealed record Load(ImportedPurchase Purchase, int FirstRow);

    private async Task<Result<(ImportReport Report, List<Load> Loads)>> ReadAsync(MemberCardsDb db, ImportTable table, ImportMapping mapping, ImportOptions choices,
        string recordedBy, CancellationToken cancellationToken)
    {
        if (mapping.Missing().ToList() is { Count: > 0 } missing)
        {
            return Result<(ImportReport, List<Load>)>.Refused(missing);
        }
        var before = await db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditActions.PurchasesImported && e.EntityType == FileEntity && e.EntityId == table.Fingerprint)
            .Select(e => new { e.At, e.UserName }).FirstOrDefaultAsync(cancellationToken);
        if (before is not null)
        {
            return Result<(ImportReport, List<Load>)>.Refused("", MessageCode.ImportFileAlreadyImported, clock.ToLocal(before.At), before.UserName);
        }
        var members = await MemberBook.ReadAsync(db, choices, cancellationToken);
        var products = new Dictionary<string, Products.Product>();
        foreach (var product in await db.Products.AsNoTracking().OrderBy(p => p.Id).ToListAsync(cancellationToken))
        {
            products.TryAdd(product.Name.Trim().ToLowerInvariant(), product);
            products.TryAdd(product.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), product);
        }
        var errors = new List<ImportError>();
        var receipts = new Dictionary<(int Member, string Receipt, long Ticks), List<PurchaseDraft>>();
        foreach (var row in table.Rows)
        {
            var cells = new ImportCells(table, mapping, row, choices);
            if (PurchaseDraft.Read(cells, clock, members, products) is { } draft)
            {
                // A receipt number joins its lines whatever their times say; without one, a member's lines at one time are one visit.
                var key = (draft.MemberId, draft.Receipt ?? "", draft.Receipt is null ? draft.PurchasedAt.Ticks : 0);
                if (!receipts.TryGetValue(key, out var lines))
                {
                    receipts[key] = lines = [];
                }
                lines.Add(draft);
            }
            errors.AddRange(cells.Errors);
        }
        var loads = receipts.Values
            .Select(lines => new Load(new ImportedPurchase(lines[0].MemberId, lines[0].PurchasedAt, recordedBy, [.. lines.Select(l => l.Line)]), lines[0].Row))
            .OrderBy(l => l.Purchase.PurchasedAt).ToList();
        return Result<(ImportReport, List<Load>)>.Ok((new ImportReport(loads.Count, 0, 0, errors), loads));
    }

    private static FieldError InRow(FieldError error, List<Load> loads) =>
        error is { Code: MessageCode.InPurchase, Args: [int number, FieldError inner, ..] } && number >= 1 && number <= loads.Count
            ? FieldError.Of(MessageCode.InRow, loads[number - 1].FirstRow, inner)
            : error;
}
