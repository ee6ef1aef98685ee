namespace MemberCards.Import;

/// <summary>One refusal of a row: the row's number in the file, the column's header as the file names it, the cell, and why.</summary>
public sealed record ImportError(int Row, string Column, string Value, FieldError Error)
{
    /// <summary>The longest cell value a report repeats; a 10,000-character cell is cut with an ellipsis.</summary>
    public const int ValueShown = 100;

    public static ImportError At(ImportRow row, ImportTable table, int? column, FieldError error)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(table);
        var value = column is { } c ? row.Cell(c) : "";
        return new ImportError(row.Number, column is { } h && h < table.Headers.Count ? table.Headers[h] : "",
            value.Length > ValueShown ? value[..ValueShown] + "…" : value, error);
    }
}

/// <summary>What an import would do (a dry run) or did (a commit): rows created, updated, unchanged, and each refusal.</summary>
public sealed record ImportReport(int Created, int Updated, int Unchanged, IReadOnlyList<ImportError> Errors)
{
    public int Refused { get; } = Errors.Select(e => e.Row).Distinct().Count();
}

/// <summary>Rows done of all, for a progress bar (rows per second and time left are the UI's arithmetic).</summary>
public readonly record struct ImportProgress(int Done, int Total);

/// <summary>
/// The choices a user makes about a file beyond its mapping, and the names tiers go by in every language the UI
/// speaks (a preset tier has no stored name: the UI gives "Gold" and "黄金"), so a file's 等级 column finds them.
/// </summary>
public sealed record ImportOptions(DayMonthOrder DateOrder = DayMonthOrder.Unknown, Func<Tiers.TierName, IEnumerable<string>>? TierNames = null);
