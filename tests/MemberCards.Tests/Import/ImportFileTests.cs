using System.Text;
using ClosedXML.Excel;
using MemberCards.Import;

namespace MemberCards.Tests.Import;

public sealed class ImportFileTests
{
    [Theory]
    [MemberData(nameof(SameMembers))]
    public void Both_encodings_and_both_header_languages_read_as_the_same_cells_with_every_column_mapped(string file)
    {
        var table = ImportFiles.Table(file);
        var mapping = ImportFields.Detect(ImportKind.Members, table.Headers);

        Assert.Equal(ImportFields.Of(ImportKind.Members).Count - 1, mapping.Columns.Count);
        Assert.Equal("张伟", table.Rows[0].Cell(mapping.ColumnOf(ImportField.Name)!.Value));
        Assert.Equal("￥1,234.50", table.Rows[0].Cell(mapping.ColumnOf(ImportField.PrincipalBalance)!.Value));
        Assert.Equal(2, table.Rows[0].Number);
        Assert.Equal(ImportFiles.Table("members-zh-gbk.csv").Rows.Select(r => r.Cells), table.Rows.Select(r => r.Cells));
    }

    public static TheoryData<string> SameMembers => [.. ImportFiles.SameMembers];

    [Fact]
    public void Bonus_balance_is_not_mistaken_for_the_balance_and_unknown_headers_stay_unmapped()
    {
        var mapping = ImportFields.Detect(ImportKind.Members, ["赠送余额", "余额", "会员生日", "姓名"]);

        Assert.Equal(0, mapping.ColumnOf(ImportField.BonusBalance));
        Assert.Equal(1, mapping.ColumnOf(ImportField.PrincipalBalance));
        Assert.Equal(3, mapping.ColumnOf(ImportField.Name));
        Assert.Equal(3, mapping.Columns.Count);
        Assert.Empty(mapping.Missing());
        Assert.Equal(MessageCode.ImportColumnMissing, Assert.Single(mapping.With(ImportField.Name, null).Missing()).Code);
    }

    [Theory]
    [InlineData(new byte[0], MessageCode.ImportFileEmpty)]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF }, MessageCode.ImportFileEmpty)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00 }, MessageCode.ImportFileNotTable)]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00 }, MessageCode.ImportFileNotTable)]
    public void An_empty_file_or_one_that_is_not_a_table_is_refused_with_its_message(byte[] content, MessageCode code)
    {
        Assert.Equal(code, Assert.Single(ImportFile.Read(content).Errors).Code);
    }

    [Fact]
    public void A_file_in_utf16_is_not_taken_for_a_table_and_a_header_without_rows_says_so()
    {
        Assert.Equal(MessageCode.ImportFileNotTable, Assert.Single(ImportFile.Read(Encoding.Unicode.GetBytes("姓名,手机号\r\n张伟,13812345678")).Errors).Code);
        Assert.Equal(MessageCode.ImportFileNoRows, Assert.Single(ImportFile.Read(Encoding.UTF8.GetBytes("姓名,手机号\r\n")).Errors).Code);
    }

    [Fact]
    public void Gbk_bytes_that_are_not_utf8_are_read_as_gb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding("GBK").GetBytes("姓名\r\n张伟");

        Assert.Equal("姓名\r\n张伟", ImportFile.Decode(gbk));
        Assert.Equal("姓名", ImportFile.Decode([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("姓名")]));
    }

    [Fact]
    public void An_xlsx_sheet_reads_dates_and_numbers_as_text_and_a_formula_as_its_text_never_its_result()
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("会员");
        sheet.Cell(1, 1).SetValue("姓名");
        sheet.Cell(1, 2).SetValue("手机号");
        sheet.Cell(1, 3).SetValue("入会日期");
        sheet.Cell(1, 4).SetValue("备注");
        sheet.Cell(2, 1).SetValue("张伟");
        sheet.Cell(2, 2).SetValue(13812345678);
        sheet.Cell(2, 3).SetValue(new DateTime(2024, 3, 1));
        sheet.Cell(2, 4).FormulaA1 = "1+1";
        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);

        var table = ImportFile.Read(buffer.ToArray()).Value!;

        Assert.Equal(["姓名", "手机号", "入会日期", "备注"], table.Headers);
        Assert.Equal(["张伟", "13812345678", "2024-03-01 00:00:00", "=1+1"], table.Rows[0].Cells);
    }
}
