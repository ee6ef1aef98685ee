using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ClosedXML.Excel;
using CsvHelper;

namespace MemberCards.Import;

/// <summary>
/// Reads an uploaded file into an <see cref="ImportTable"/>: XLSX (the first sheet) or CSV. A CSV's encoding is
/// detected, not asked: valid UTF-8 (with or without a BOM) is UTF-8, anything else is GB18030 — what Chinese
/// Excel writes ("GBK", of which GB18030 is the superset). Formulas are never evaluated: a formula cell is read as
/// its text, so it stays inert data (exports neutralise it again on the way out).
/// </summary>
public static class ImportFile
{
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

    static ImportFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Result<ImportTable> Read(ReadOnlyMemory<byte> content)
    {
        if (content.IsEmpty)
        {
            return Result<ImportTable>.Refused("", MessageCode.ImportFileEmpty);
        }
        var cells = content.Span.StartsWith(ZipMagic) ? ReadXlsx(content) : ReadCsv(content.Span);
        if (cells is null)
        {
            return Result<ImportTable>.Refused("", MessageCode.ImportFileNotTable);
        }
        var rows = cells.Select((r, i) => new ImportRow(i + 1, r)).Where(r => r.Cells.Any(c => c.Length > 0)).ToList();
        if (rows.Count == 0)
        {
            return Result<ImportTable>.Refused("", MessageCode.ImportFileEmpty);
        }
        if (rows.Count == 1)
        {
            return Result<ImportTable>.Refused("", MessageCode.ImportFileNoRows);
        }
        return Result<ImportTable>.Ok(new ImportTable([.. rows[0].Cells.Select(h => h.Trim())], rows[1..], Convert.ToHexStringLower(SHA256.HashData(content.Span))));
    }

    /// <summary>The text of a CSV file: UTF-8 when it is valid UTF-8 (a BOM is dropped), else GB18030.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith(Encoding.UTF8.Preamble))
        {
            bytes = bytes[Encoding.UTF8.Preamble.Length..];
        }
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding("GB18030").GetString(bytes);
        }
    }

    // A NUL is in no text a person writes in a spreadsheet: a file holding one is binary (an image, an .xls, UTF-16).
    private static List<string[]>? ReadCsv(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Contains((byte)0))
        {
            return null;
        }
        var text = Decode(bytes);
        using var reader = CsvReader.Create(Encoding.UTF8.GetBytes(text), new CsvReaderOptions { HasHeader = false, MissingField = CsvMissingFieldHandling.ReturnEmpty });
        var rows = new List<string[]>();
        try
        {
            while (reader.Read())
            {
                var row = new string[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.GetString(i);
                }
                rows.Add(row);
            }
        }
        catch (CsvFormatException)
        {
            return null;
        }
        return rows;
    }

    private static List<string[]>? ReadXlsx(ReadOnlyMemory<byte> content)
    {
        try
        {
            using var stream = new MemoryStream(content.ToArray(), writable: false);
            using var workbook = new XLWorkbook(stream);
            var sheet = workbook.Worksheets.First();
            var used = sheet.RangeUsed();
            if (used is null)
            {
                return [];
            }
            var columns = used.LastColumn().ColumnNumber();
            return [.. Enumerable.Range(1, used.LastRow().RowNumber()).Select(r =>
                Enumerable.Range(1, columns).Select(c => CellText(sheet.Cell(r, c))).ToArray())];
        }
        catch (Exception e) when (e is InvalidDataException or IOException or FormatException or InvalidOperationException or ArgumentException
            or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException)
        {
            return null;
        }
    }

    private static string CellText(IXLCell cell)
    {
        if (cell.HasFormula)
        {
            return "=" + cell.FormulaA1;
        }
        return cell.DataType switch
        {
            XLDataType.DateTime => cell.GetDateTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            XLDataType.Number => cell.GetDouble().ToString(CultureInfo.InvariantCulture),
            XLDataType.Boolean => cell.GetBoolean() ? "1" : "0",
            _ => cell.GetString(),
        };
    }
}
