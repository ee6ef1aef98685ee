using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MemberCards.Import;

/// <summary>
/// Members from another system, with their opening balances (stored value principal and bonus, points with their
/// expiry) and tiers. A dry run reads every row with the rules the member form uses and reports what a commit
/// would do, writing nothing; a commit does the same inside one transaction and writes the rows that passed — all
/// of them or, on any failure or cancel, none. Managers only.
/// </summary>
public sealed partial class MemberImport(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock, IOptions<MemberCardsOptions> options, ILogger<MemberImport> logger)
{
    private const int ProgressEvery = 1_000;

    public async Task<Result<ImportReport>> DryRunAsync(ImportTable table, ImportMapping mapping, ImportOptions choices, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.Require(user, Roles.Manager);
        if (mapping.Missing().ToList() is { Count: > 0 } missing)
        {
            return Result<ImportReport>.Refused(missing);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (plan, errors) = Plan(table, mapping, choices, await MemberBook.ReadAsync(db, choices, cancellationToken), progress: null, cancellationToken);
        return Result<ImportReport>.Ok(Report(plan, errors));
    }

    /// <summary>Writes every row that passes, in one transaction; refused rows are left out and reported.</summary>
    public async Task<Result<ImportReport>> CommitAsync(ImportTable table, ImportMapping mapping, ImportOptions choices, string fileName, ClaimsPrincipal user,
        IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var by = Access.Require(user, Roles.Manager);
        if (mapping.Missing().ToList() is { Count: > 0 } missing)
        {
            return Result<ImportReport>.Refused(missing);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var dialect = SqlDialect.Of(db.Database);
        if (dialect.BeforeLongTransaction is { } before)
        {
            await db.Database.ExecuteSqlRawAsync(before, cancellationToken);
        }
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var (plan, errors) = Plan(table, mapping, choices, await MemberBook.ReadAsync(db, choices, cancellationToken), progress, cancellationToken);
            var report = Report(plan, errors);
            LogWriting(fileName, report.Created, report.Updated, report.Refused);
            var writer = new MemberImportWriter(db, clock, by, progress, table.Rows.Count);
            await writer.WriteAsync(plan, cancellationToken);
            await writer.AuditAsync(fileName, report, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            LogCommitted(fileName);
            return Result<ImportReport>.Ok(report);
        }
        finally
        {
            if (dialect.AfterLongTransaction is { } after)
            {
                await db.Database.ExecuteSqlRawAsync(after, CancellationToken.None);
            }
        }
    }

    private (List<PlannedMember> Plan, List<ImportError> Errors) Plan(ImportTable table, ImportMapping mapping, ImportOptions choices, MemberBook book,
        IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        // A commit reads every row, then writes them: reading is the first half of its progress.
        var decide = new MemberPlan(book);
        var plan = new List<PlannedMember>(table.Rows.Count);
        var errors = new List<ImportError>();
        for (var i = 0; i < table.Rows.Count; i++)
        {
            var cells = new ImportCells(table, mapping, table.Rows[i], choices);
            var draft = MemberDraft.Read(cells, clock, book.TiersByName, options.Value.Region);
            if (decide.Decide(draft, cells) is { } planned)
            {
                plan.Add(planned);
            }
            errors.AddRange(cells.Errors);
            if (i % ProgressEvery == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(new ImportProgress(i, table.Rows.Count * 2));
            }
        }
        return (plan, errors);
    }

    private static ImportReport Report(List<PlannedMember> plan, List<ImportError> errors) => new(
        plan.Count(p => p.Action == PlannedAction.Create),
        plan.Count(p => p.Action == PlannedAction.Update),
        plan.Count(p => p.Action == PlannedAction.Unchanged),
        errors);

    // Where a long import is (the command line shows it; the kill test waits for the first line).
    [LoggerMessage(LogLevel.Information, "Writing the members import of {File}: {Created} new, {Updated} updated, {Refused} rows refused")]
    private partial void LogWriting(string file, int created, int updated, int refused);

    [LoggerMessage(LogLevel.Information, "Committed the members import of {File}")]
    private partial void LogCommitted(string file);
}
