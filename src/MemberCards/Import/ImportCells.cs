namespace MemberCards.Import;

/// <summary>
/// The mapped cells of one row, read field by field; each refusal is kept with its column, so a row reports every
/// problem at once, not one per attempt.
/// </summary>
internal sealed class ImportCells(ImportTable table, ImportMapping mapping, ImportRow row, ImportOptions options)
{
    /// <summary>No cell is longer than the longest field (notes); a 10,000-character cell is refused, not cut.</summary>
    public const int MaxCellLength = Members.MemberLimits.NotesLength;

    private readonly List<ImportError> _errors = [];

    public IReadOnlyList<ImportError> Errors => _errors;

    public ImportRow Row => row;

    public void Refuse(ImportField field, MessageCode code, params IReadOnlyList<object?> args) =>
        _errors.Add(ImportError.At(row, table, mapping.ColumnOf(field), new FieldError(field.ToString(), code, args)));

    public void Refuse(FieldError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var column = Enum.TryParse<ImportField>(error.Field, out var field) ? mapping.ColumnOf(field) : null;
        _errors.Add(ImportError.At(row, table, column, error));
    }

    /// <summary>The trimmed cell, or null when the field is not mapped or the cell is empty (or too long: refused).</summary>
    public string? Text(ImportField field)
    {
        if (mapping.ColumnOf(field) is not { } column)
        {
            return null;
        }
        var text = row.Cell(column).Trim();
        if (text.Length > MaxCellLength)
        {
            Refuse(field, MessageCode.ImportCellTooLong, MaxCellLength);
            return null;
        }
        return text.Length == 0 ? null : text;
    }

    public long? Money(ImportField field)
    {
        if (Text(field) is not { } text)
        {
            return null;
        }
        if (ImportValues.TryMoney(text, out var minor, out var error))
        {
            return minor;
        }
        Refuse(field, error);
        return null;
    }

    public long? Count(ImportField field)
    {
        if (Text(field) is not { } text)
        {
            return null;
        }
        if (ImportValues.TryCount(text, out var count, out var error))
        {
            return count;
        }
        Refuse(field, error);
        return null;
    }

    public DateTime? Date(ImportField field)
    {
        if (Text(field) is not { } text)
        {
            return null;
        }
        if (ImportValues.TryDate(text, options.DateOrder, out var local, out var error))
        {
            return local;
        }
        Refuse(field, error);
        return null;
    }

    public bool? YesNo(ImportField field)
    {
        if (Text(field) is not { } text)
        {
            return null;
        }
        if (ImportValues.TryYesNo(text, out var value))
        {
            return value;
        }
        Refuse(field, MessageCode.ImportYesNoInvalid);
        return null;
    }
}
