using ClosedXML.Excel;
using CsvHelper;
using MemberCards.Campaigns;

namespace MemberCards.Import;

/// <summary>The error report's words in the reader's language, given by the UI: four column headers, the sheet's name, and each message.</summary>
public sealed record ImportErrorText(IReadOnlyList<string> Header, string Sheet, Func<FieldError, string> Say);

/// <summary>
/// The row-level error report as a file to download: CSV (UTF-8 with BOM, so Excel reads Chinese) or XLSX. Every text
/// cell is formula-safe (<see cref="FormulaGuard"/>): a refused "=HYPERLINK(…)" cell comes back as inert text.
/// </summary>
public static class ImportErrorFile
{
    public static ExportFile Write(IReadOnlyList<ImportError> errors, ExportFormat format, ImportErrorText text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(text);
        var rows = errors.Select(e => new[] { e.Row.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Column, e.Value, text.Say(e.Error) }).ToList();
        var stem = Path.GetFileNameWithoutExtension(fileName) + "-errors";
        return format == ExportFormat.Csv
            ? new ExportFile(stem + ".csv", "text/csv", Csv(rows, text), rows.Count, 0)
            : new ExportFile(stem + ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Xlsx(rows, text), rows.Count, 0);
    }

    private static byte[] Csv(List<string[]> rows, ImportErrorText text)
    {
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, new CsvWriterOptions { WriteByteOrderMark = true }, leaveOpen: true))
        {
            foreach (var cells in rows.Prepend([.. text.Header]))
            {
                csv.WriteRecord([.. cells.Select(FormulaGuard.Neutralize)]);
            }
        }
        return buffer.ToArray();
    }

    private static byte[] Xlsx(List<string[]> rows, ImportErrorText text)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add(text.Sheet);
        foreach (var (cells, r) in rows.Prepend([.. text.Header]).Select((c, i) => (c, i + 1)))
        {
            for (var c = 0; c < cells.Length; c++)
            {
                sheet.Cell(r, c + 1).SetValue(FormulaGuard.Neutralize(cells[c]));
            }
        }
        sheet.Row(1).Style.Font.Bold = true;
        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);
        return buffer.ToArray();
    }
}
