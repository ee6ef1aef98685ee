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
public sealed record ExportFile(string FileName, string ContentType, byte[] Content, int Rows, int LeftOut)
{
    public string LeftOutReason => LeftOut == 0 ? "" : $"{LeftOut:N0} {(LeftOut == 1 ? "member" : "members")} of the segment left out: not opted in to marketing.";
}

/// <summary>
/// A segment's opted-in members with their contact details, as CSV (UTF-8 with BOM, so Excel reads any script) or
/// Excel. Members who did not opt in to marketing are never written; the file and the audit entry say how many.
/// </summary>
public sealed class SegmentExport(SegmentService segments, IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock)
{
    private static readonly string[] Header = ["Rank", "Card number", "Name", "Email", "Phone", "Tier", "Spend in period", "Purchases in period", "Last purchase in period", "RFM segment"];

    public async Task<ExportFile> ExportAsync(SegmentCriteria criteria, ExportFormat format, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        var actor = Access.Require(user, Roles.Campaigns);
        var members = await segments.AllAsync(criteria, cancellationToken);
        var rows = members.Where(m => m.MarketingOptIn).Select(Cells).ToList();
        var leftOut = members.Count - rows.Count;
        var stamp = clock.LocalNow.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);
        var file = format == ExportFormat.Csv
            ? new ExportFile($"segment-{stamp}.csv", "text/csv", Csv(rows), rows.Count, leftOut)
            : new ExportFile($"segment-{stamp}.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Xlsx(rows, leftOut), rows.Count, leftOut);

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

    private object[] Cells(SegmentMember m) =>
    [
        m.Rank, m.CardNumber, m.Name, m.Email ?? "", m.Phone ?? "", m.Tier.ToString(), Money.ToMajor(m.SpendMinor), m.Purchases,
        DateOnly.FromDateTime(clock.ToLocal(m.LastPurchaseAt)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), m.Rfm is { } rfm ? RfmSegments.Label(rfm.Segment) : "",
    ];

    private static byte[] Csv(List<object[]> rows)
    {
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, new CsvWriterOptions { WriteByteOrderMark = true }, leaveOpen: true))
        {
            foreach (var cells in rows.Prepend(Header))
            {
                csv.WriteRecord([.. cells.Select(c => c switch
                {
                    string text => FormulaGuard.Neutralize(text),
                    decimal amount => amount.ToString("0.00", CultureInfo.InvariantCulture),
                    _ => Convert.ToString(c, CultureInfo.InvariantCulture),
                })]);
            }
        }
        return buffer.ToArray();
    }

    private static byte[] Xlsx(List<object[]> rows, int leftOut)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("Segment");
        for (var c = 0; c < Header.Length; c++)
        {
            sheet.Cell(1, c + 1).SetValue(Header[c]);
        }
        sheet.Row(1).Style.Font.Bold = true;
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < Header.Length; c++)
            {
                var cell = sheet.Cell(r + 2, c + 1);
                switch (rows[r][c])
                {
                    case string text: cell.SetValue(FormulaGuard.Neutralize(text)); break;
                    case decimal amount: cell.SetValue(amount); break;
                    case var number: cell.SetValue(Convert.ToInt64(number, CultureInfo.InvariantCulture)); break;
                }
            }
        }
        var about = workbook.Worksheets.Add("About");
        about.Cell(1, 1).SetValue("Rows");
        about.Cell(1, 2).SetValue(rows.Count);
        about.Cell(2, 1).SetValue("Left out");
        about.Cell(2, 2).SetValue(leftOut);
        about.Cell(3, 1).SetValue("Why");
        about.Cell(3, 2).SetValue("Only members who opted in to marketing are exported, with their contact details.");
        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);
        return buffer.ToArray();
    }
}
