using System.Text;
using System.Text.Json;
using ClosedXML.Excel;
using CsvHelper;
using MemberCards.Auditing;
using MemberCards.Campaigns;
using MemberCards.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.Campaigns;

public sealed class SegmentExportTests : IAsyncLifetime
{
    private CampaignData _data = null!;

    public async ValueTask InitializeAsync() => _data = await CampaignData.CreateAsync();

    public async ValueTask DisposeAsync() => await _data.Db.DisposeAsync();

    private Task<ExportFile> ExportAsync(SegmentCriteria criteria, ExportFormat format) =>
        _data.Db.Get<SegmentExport>().ExportAsync(criteria, format, MemberCards.Benchmarks.PlainExportText.Value, TestUsers.Marketing, CancellationToken.None);

    private static List<string[]> ReadCsv(byte[] content)
    {
        using var reader = CsvReader.Create(content, new CsvReaderOptions { HasHeader = false });
        var rows = new List<string[]>();
        foreach (var row in reader)
        {
            rows.Add(row.ToArray());
        }
        return rows;
    }

    [Fact]
    public async Task Csv_is_utf8_with_a_bom_and_holds_only_opted_in_members_in_spend_order()
    {
        var file = await ExportAsync(new SegmentCriteria(), ExportFormat.Csv);

        Assert.Equal([0xEF, 0xBB, 0xBF], file.Content.Take(3));
        var rows = ReadCsv(file.Content);
        Assert.Equal(["Rank", "Card number", "Name", "Email", "Phone", "Tier", "Spend in period", "Purchases in period", "Last purchase in period", "RFM segment"], rows[0]);
        Assert.Equal([("2", "Ann", "20.00"), ("3", "Ben", "18.00"), ("4", "Flo", "10.50"), ("5", "Di", "5.00")], rows.Skip(1).Select(r => (r[0], r[2], r[6])));
        Assert.Equal("ann@example.com", rows[1][3]);
        Assert.Equal("2026-03-18", rows[1][8]);
        Assert.Equal((4, 1), (file.Rows, file.LeftOut));
        Assert.DoesNotContain("Cy", Encoding.UTF8.GetString(file.Content), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opted_out_members_are_never_exported_whatever_the_filters()
    {
        foreach (var criteria in new[] { new SegmentCriteria(), new SegmentCriteria { Top = 1 }, new SegmentCriteria { TierIds = [TestTiers.Bronze] } })
        {
            foreach (var format in Enum.GetValues<ExportFormat>())
            {
                var file = await ExportAsync(criteria, format);
                var text = format == ExportFormat.Csv ? Encoding.UTF8.GetString(file.Content) : string.Join("\n", Sheet(file).RowsUsed().Select(r => r.Cell(3).GetString()));
                Assert.DoesNotContain("Cy", text, StringComparison.Ordinal);
                Assert.DoesNotContain("cy@example.com", text, StringComparison.Ordinal);
            }
        }
        var topOne = await ExportAsync(new SegmentCriteria { Top = 1 }, ExportFormat.Csv);
        Assert.Equal((0, 1), (topOne.Rows, topOne.LeftOut));
    }

    [Fact]
    public async Task Xlsx_opens_with_ClosedXML_and_holds_the_expected_rows_and_what_was_left_out()
    {
        var file = await ExportAsync(new SegmentCriteria(), ExportFormat.Xlsx);

        using var workbook = new XLWorkbook(new MemoryStream(file.Content));
        var sheet = workbook.Worksheet("Segment");
        Assert.Equal("Name", sheet.Cell(1, 3).GetString());
        Assert.Equal(["Ann", "Ben", "Flo", "Di"], sheet.RowsUsed().Skip(1).Select(r => r.Cell(3).GetString()));
        Assert.Equal(20.00, sheet.Cell(2, 7).GetDouble());
        Assert.Equal(2, sheet.Cell(2, 8).GetDouble());
        Assert.Equal(1, workbook.Worksheet("About").Cell(2, 2).GetDouble());
    }

    [Fact]
    public async Task A_phone_beginning_with_plus_is_neutralized_in_both_formats()
    {
        var csv = ReadCsv((await ExportAsync(new SegmentCriteria(), ExportFormat.Csv)).Content);
        Assert.Equal("'+12125550101", csv[1][4]);
        var sheet = Sheet(await ExportAsync(new SegmentCriteria(), ExportFormat.Xlsx));
        Assert.Equal("'+12125550101", sheet.Cell(2, 5).GetString());
        Assert.False(sheet.Cell(2, 5).HasFormula);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")")]
    [InlineData("+1+2")]
    [InlineData("-1+2")]
    [InlineData("@SUM(A1)")]
    [InlineData("\t=1")]
    [InlineData("\r=1")]
    public async Task Every_dangerous_first_character_is_neutralized_in_csv_and_xlsx(string name)
    {
        await using (var context = _data.Db.Open())
        {
            var ann = await context.Members.SingleAsync(m => m.Name == "Ann");
            ann.Name = name;
            await context.SaveChangesAsync();
        }
        Assert.Equal("'" + name, FormulaGuard.Neutralize(name));

        Assert.Equal("'" + name, ReadCsv((await ExportAsync(new SegmentCriteria(), ExportFormat.Csv)).Content)[1][2]);
        var cell = Sheet(await ExportAsync(new SegmentCriteria(), ExportFormat.Xlsx)).Cell(2, 3);
        // XML reads a lone carriage return back as a line feed; what matters is the apostrophe in front.
        Assert.Equal("'" + name.ReplaceLineEndings("\n"), cell.GetString());
        Assert.False(cell.HasFormula);
    }

    [Fact]
    public async Task Safe_text_is_left_as_it_is()
    {
        Assert.Equal("王小明", FormulaGuard.Neutralize("王小明"));
        Assert.Equal("a=b", FormulaGuard.Neutralize("a=b"));
        Assert.Equal("", FormulaGuard.Neutralize(null));
        await using (var context = _data.Db.Open())
        {
            (await context.Members.SingleAsync(m => m.Name == "Ann")).Name = "王小明";
            await context.SaveChangesAsync();
        }
        Assert.Equal("王小明", ReadCsv((await ExportAsync(new SegmentCriteria(), ExportFormat.Csv)).Content)[1][2]);
    }

    [Fact]
    public async Task Every_export_writes_an_audit_entry_with_who_criteria_and_row_count()
    {
        var criteria = new SegmentCriteria { Top = 3, OptedInOnly = true };
        await ExportAsync(criteria, ExportFormat.Csv);
        await ExportAsync(criteria, ExportFormat.Xlsx);

        await using var context = _data.Db.Open();
        var entries = await context.AuditEntries.Where(e => e.Action == AuditActions.SegmentExported).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal("marketing@test", e.UserName));
        using var details = JsonDocument.Parse(entries[0].Details!);
        Assert.Equal("Csv", details.RootElement.GetProperty("format").GetString());
        Assert.Equal(3, details.RootElement.GetProperty("rows").GetInt32());
        Assert.Equal(0, details.RootElement.GetProperty("leftOutNotOptedIn").GetInt32());
        Assert.Equal(criteria, SegmentCriteriaJson.Read(1, details.RootElement.GetProperty("criteria").GetString()!));
    }

    private static IXLWorksheet Sheet(ExportFile file) => new XLWorkbook(new MemoryStream(file.Content)).Worksheet("Segment");
}
