using MemberCards.Import;
using MemberCards.Tiers;

namespace MemberCards.Tests.Import;

/// <summary>
/// The test files in Import/Files: the same three members in GBK and UTF-8 (with a BOM) under Chinese headers, and in
/// UTF-8 and GB18030 under English ones; a file of bad rows; a purchase history in GBK. 张伟 keeps his valid card
/// (金卡, ￥1,234.50 + 100元 bonus, 2000 points to 2026-12-31), 李娜's old card A-000123 is kept as history.
/// </summary>
public static class ImportFiles
{
    public const string ZhangWeiCard = "482109375567";

    public static readonly string[] SameMembers = ["members-zh-gbk.csv", "members-zh-utf8-bom.csv", "members-en-utf8.csv", "members-en-gb18030.csv"];

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Import", "Files", name));

    public static ImportTable Table(string name)
    {
        var read = ImportFile.Read(Bytes(name));
        Assert.True(read.Succeeded, string.Join("; ", read.Errors.Select(e => e.Code)));
        return read.Value!;
    }

    /// <summary>The preset tiers' Chinese names, as the UI's words give them.</summary>
    public static ImportOptions Options(DayMonthOrder order = DayMonthOrder.Unknown) => new(order, tier => tier.Preset switch
    {
        TierPreset.Bronze => ["铜卡"],
        TierPreset.Silver => ["银卡"],
        TierPreset.Gold => ["金卡"],
        TierPreset.Platinum => ["白金卡"],
        _ => [],
    });
}
