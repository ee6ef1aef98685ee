using System.Globalization;
using System.Security.Claims;
using ClosedXML.Excel;
using CsvHelper;
using MemberCards.Accounts;
using MemberCards.Auditing;
using MemberCards.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Campaigns;

public enum ExportFormat
{
    Csv,
    Xlsx,
}

/// <summary>An export ready to download, and what it left out.</summary>
public sealed record ExportFile(string FileName, string ContentType, byte[] Content, int Rows, int LeftOut);

/// <summary>
/// The words of an export in the reader's language, given by the UI: the ten column headers (rank, card number, name,
/// email, phone, tier, spend, purchases, last purchase, RFM segment), tier and RFM names, and the "About" sheet.
/// </summary>
public sealed record ExportText(
    IReadOnlyList<string> Header,
    Func<Tiers.TierName, string> Tier,
    Func<RfmSegment, string> Rfm,
    string SegmentSheet,
    string AboutSheet,
    string RowsLabel,
    string LeftOutLabel,
    string WhyLabel,
    string Why);

/// <summary>
/// A segment's opted-in members with their contact details, as CSV (UTF-8 with BOM, so Excel reads any script) or
/// Excel. Members who did not opt in to marketing are never written; the file and the audit entry say how many.
/// </summary>
public sealed class SegmentExport(SegmentService segments, IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock)
{
    public const int Columns = 10;

    public async Task<ExportFile> ExportAsync(SegmentCriteria criteria, ExportFormat format, ExportText text, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(text);
        if (text.Header.Count != Columns)
        {
            throw new ArgumentException($"An export has {Columns} column headers.", nameof(text));
        }
        var actor = Access.Require(user, Roles.Campaigns);
        var members = await segments.AllAsync(criteria, cancellationToken);
        var rows = members.Where(m => m.MarketingOptIn).Select(m => Cells(m, text)).ToList();
        var leftOut = members.Count - rows.Count;
        var stamp = clock.LocalNow.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);
        var file = format == ExportFormat.Csv
            ? new ExportFile($"segment-{stamp}.csv", "text/csv", Csv(rows, text), rows.Count, leftOut)
            : new ExportFile($"segment-{stamp}.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Xlsx(rows, leftOut, text), rows.Count, leftOut);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        AuditLog.Add(db, clock.UtcNow, actor, AuditActions.SegmentExported, "Segment", null, new
        {
            Format = format.ToString(),
            Criteria = SegmentCriteriaJson.Write(criteria),
            file.Rows,
            LeftOutNotOptedIn = leftOut,
        });
        await db.SaveChangesAsync(cancellationToken);
        return file;
    }

    private object[] Cells(SegmentMember m, ExportText text) =>
    [
        m.Rank, m.CardNumber, m.Name, m.Email ?? "", m.Phone ?? "", text.Tier(m.Tier), Money.ToMajor(m.SpendMinor), m.Purchases,
        DateOnly.FromDateTime(clock.ToLocal(m.LastPurchaseAt)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), m.Rfm is { } rfm ? text.Rfm(rfm.Segment) : "",
    ];

    private static byte[] Csv(List<object[]> rows, ExportText text)
    {
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, new CsvWriterOptions { WriteByteOrderMark = true }, leaveOpen: true))
        {
            foreach (var cells in rows.Prepend([.. text.Header]))
            {
                csv.WriteRecord([.. cells.Select(c => c switch
                {
                    string value => FormulaGuard.Neutralize(value),
                    decimal amount => amount.ToString("0.00", CultureInfo.InvariantCulture),
                    _ => Convert.ToString(c, CultureInfo.InvariantCulture),
                })]);
            }
        }
        return buffer.ToArray();
    }

    private static byte[] Xlsx(List<object[]> rows, int leftOut, ExportText text)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add(text.SegmentSheet);
        for (var c = 0; c < Columns; c++)
        {
            sheet.Cell(1, c + 1).SetValue(text.Header[c]);
        }
        sheet.Row(1).Style.Font.Bold = true;
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < Columns; c++)
            {
                var cell = sheet.Cell(r + 2, c + 1);
                switch (rows[r][c])
                {
                    case string value: cell.SetValue(FormulaGuard.Neutralize(value)); break;
                    case decimal amount: cell.SetValue(amount); break;
                    case var number: cell.SetValue(Convert.ToInt64(number, CultureInfo.InvariantCulture)); break;
                }
            }
        }
        var about = workbook.Worksheets.Add(text.AboutSheet);
        about.Cell(1, 1).SetValue(text.RowsLabel);
        about.Cell(1, 2).SetValue(rows.Count);
        about.Cell(2, 1).SetValue(text.LeftOutLabel);
        about.Cell(2, 2).SetValue(leftOut);
        about.Cell(3, 1).SetValue(text.WhyLabel);
        about.Cell(3, 2).SetValue(text.Why);
        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);
        return buffer.ToArray();
    }
}
