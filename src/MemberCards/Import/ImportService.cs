using System.Security.Claims;

namespace MemberCards.Import;

/// <summary>The dry run and commit of either kind of file, as the page and the command line call them.</summary>
public sealed class ImportService(MemberImport members, PurchaseHistoryImport purchases)
{
    public Task<Result<ImportReport>> DryRunAsync(ImportTable table, ImportMapping mapping, ImportOptions choices, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        return mapping.Kind == ImportKind.Members
            ? members.DryRunAsync(table, mapping, choices, user, cancellationToken)
            : purchases.DryRunAsync(table, mapping, choices, user, cancellationToken);
    }

    public Task<Result<ImportReport>> CommitAsync(ImportTable table, ImportMapping mapping, ImportOptions choices, string fileName, ClaimsPrincipal user,
        IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        return mapping.Kind == ImportKind.Members
            ? members.CommitAsync(table, mapping, choices, fileName, user, progress, cancellationToken)
            : purchases.CommitAsync(table, mapping, choices, fileName, user, progress, cancellationToken);
    }
}
