using MemberCards.Members;

namespace MemberCards.Data;

/// <summary>
/// A Chinese café and noodle shop in yuan: family names drawn by how common they are in China (王, 李 and 张 each
/// about one in fifteen; the polyphonic 单, 曾, 解, 区, 仇, 朴, 查 and 乐 among the rarer ones), given names of one
/// or two characters, mainland mobile numbers, and an email for a minority, as Chinese members sign up with a phone.
/// Bogus's zh_CN names are not used: their family names are equally likely and their given names mostly male.
/// </summary>
internal sealed class ChineseDemoProfile : DemoProfile
{
    private static readonly (string Category, (string Name, long PriceMinor, int Popularity)[] Items)[] Menu =
    [
        ("咖啡", [("美式咖啡", 2200, 10), ("拿铁", 2800, 10), ("卡布奇诺", 2800, 7), ("澳白", 3000, 5), ("冰美式", 2400, 8)]),
        ("茶饮", [("茉莉花茶", 1800, 4), ("铁观音", 2200, 3), ("珍珠奶茶", 1600, 7), ("抹茶拿铁", 2800, 4), ("柠檬红茶", 1500, 5)]),
        ("面食", [("牛肉面", 3200, 8), ("葱油拌面", 1800, 5), ("炸酱面", 2200, 5), ("担担面", 2000, 4), ("阳春面", 1500, 3)]),
        ("点心", [("小笼包", 2600, 8), ("虾饺", 3200, 5), ("烧卖", 2400, 4), ("蛋挞", 1200, 6), ("叉烧包", 1800, 4)]),
        ("早餐", [("豆浆油条", 1000, 5), ("鸡蛋灌饼", 1200, 4), ("皮蛋瘦肉粥", 1600, 4), ("煎饺", 1400, 3), ("鲜肉馄饨", 1600, 4)]),
        ("小吃", [("凉皮", 1500, 3), ("锅贴", 1800, 4), ("春卷", 1200, 3), ("香辣鸡翅", 2200, 4), ("炸鸡排", 2000, 3)]),
        ("甜品", [("芒果班戟", 2200, 3), ("双皮奶", 1800, 3), ("杨枝甘露", 2600, 4), ("红豆沙", 1200, 2), ("提拉米苏", 3200, 2)]),
        ("周边", [("咖啡豆 250克", 9800, 2), ("随行杯", 12800, 1), ("礼品卡", 20000, 1), ("帆布袋", 5900, 1), ("挂耳咖啡", 6800, 1)]),
    ];

    private static readonly DemoBasketPattern[] Visits =
    [
        new(7, 10, [["拿铁", "美式咖啡", "卡布奇诺", "澳白"], ["蛋挞", "叉烧包", "芒果班戟", "提拉米苏"]], 0, 0.2),
        new(6, 9, [["豆浆油条", "鸡蛋灌饼", "皮蛋瘦肉粥", "鲜肉馄饨", "煎饺"], ["茉莉花茶", "小笼包", "烧卖", "柠檬红茶"]], 0, 0.15),
        new(11, 14, [["牛肉面", "炸酱面", "葱油拌面", "担担面", "阳春面"], ["锅贴", "凉皮", "春卷", "香辣鸡翅", "炸鸡排"], ["冰美式", "柠檬红茶", "珍珠奶茶"]], 0.3, 0.3),
        new(14, 18, [["珍珠奶茶", "抹茶拿铁", "铁观音", "柠檬红茶"], ["杨枝甘露", "双皮奶", "虾饺", "红豆沙", "芒果班戟"]], 0, 0.15),
        DemoBasketPattern.Single(0.2),
    ];

    // Roughly each family name's share of the population in thousandths (王 7.1%, 李 7.0%, 张 6.4% …), rounded.
    private static readonly (string Surname, double Weight)[] Surnames =
    [
        ("王", 71), ("李", 70), ("张", 64), ("刘", 54), ("陈", 46), ("杨", 31), ("黄", 22), ("赵", 20), ("吴", 19), ("周", 19),
        ("徐", 15), ("孙", 15), ("马", 14), ("朱", 13), ("胡", 12), ("郭", 12), ("何", 12), ("林", 11), ("高", 11), ("罗", 10),
        ("郑", 9), ("梁", 9), ("谢", 8), ("宋", 8), ("唐", 8), ("许", 7), ("韩", 7), ("邓", 7), ("冯", 7), ("曹", 6),
        ("彭", 6), ("曾", 6), ("肖", 6), ("田", 5), ("董", 5), ("潘", 5), ("袁", 5), ("蔡", 5), ("蒋", 5), ("余", 5),
        ("于", 5), ("杜", 5), ("叶", 5), ("程", 4), ("魏", 4), ("苏", 4), ("吕", 4), ("丁", 4), ("任", 4), ("卢", 4),
        ("姚", 4), ("沈", 4), ("钟", 4), ("姜", 4), ("崔", 3), ("谭", 3), ("陆", 3), ("范", 3), ("汪", 3), ("廖", 3),
        ("石", 3), ("金", 3), ("韦", 3), ("贾", 3), ("夏", 3), ("付", 3), ("方", 3), ("邹", 2), ("熊", 2), ("白", 2),
        ("孟", 2), ("秦", 2), ("邱", 2), ("侯", 2), ("江", 2), ("尹", 2), ("薛", 2), ("闫", 2), ("段", 2), ("雷", 2),
        ("龙", 2), ("黎", 2), ("史", 2), ("陶", 2), ("贺", 2), ("毛", 2), ("郝", 2), ("顾", 2), ("龚", 2), ("邵", 2),
        ("万", 2), ("钱", 2), ("武", 2), ("戴", 2), ("严", 2), ("孔", 1), ("向", 1), ("常", 1), ("莫", 1), ("覃", 1),
        ("单", 0.6), ("解", 0.5), ("朴", 0.5), ("查", 0.4), ("仇", 0.4), ("乐", 0.4), ("区", 0.3), ("欧阳", 0.4), ("上官", 0.1),
    ];

    private static readonly string[] GivenFemale =
        ["芳", "娜", "敏", "静", "丽", "艳", "娟", "秀", "霞", "玲", "婷", "雪", "琳", "欣", "怡", "雨", "佳", "涵", "萱", "琪", "悦", "彤", "梦", "丹", "慧", "颖", "倩", "洁", "莉", "兰", "凤", "春", "燕", "月", "晓", "思", "诗", "雅", "嘉", "宁"];

    private static readonly string[] GivenMale =
        ["伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超", "平", "刚", "建", "国", "文", "辉", "鹏", "浩", "宇", "轩", "俊", "博", "泽", "家", "海", "志", "斌", "飞", "波", "鑫", "宏", "亮", "健", "成", "瑞", "凯", "然", "天", "昊", "睿"];

    // Mainland mobile prefixes in use (China Mobile, Unicom, Telecom, Broadnet).
    private static readonly string[] MobilePrefixes =
        ["134", "135", "136", "137", "138", "139", "147", "150", "151", "152", "157", "158", "159", "178", "182", "183", "187", "188", "198",
         "130", "131", "132", "155", "156", "166", "176", "185", "186", "133", "153", "177", "180", "181", "189", "191", "199", "192"];

    private static readonly double[] SurnameCumulative = Cumulative(Surnames.Select(s => s.Weight));

    public override IReadOnlyList<(string Category, (string Name, long PriceMinor, int Popularity)[] Items)> Catalog => Menu;

    public override IReadOnlyList<DemoBasketPattern> Patterns => Visits;

    public override IReadOnlyList<string> VoidReasons { get; } = ["刷错会员卡", "重复录入", "顾客退菜", "数量录错"];

    public override string Name(Random random)
    {
        var index = Array.BinarySearch(SurnameCumulative, random.NextDouble() * SurnameCumulative[^1]);
        var surname = Surnames[Math.Min(index < 0 ? ~index : index, Surnames.Length - 1)].Surname;
        var given = random.NextDouble() < 0.5 ? GivenFemale : GivenMale;
        return random.NextDouble() < 0.25
            ? surname + given[random.Next(given.Length)]
            : surname + given[random.Next(given.Length)] + given[random.Next(given.Length)];
    }

    // Written 3-4-4 as people give it; stored as the 11 digits.
    public override string Phone(Random random) =>
        $"{MobilePrefixes[random.Next(MobilePrefixes.Length)]} {random.Next(0, 10_000):D4} {random.Next(0, 10_000):D4}";

    public override string? Email(Random random, string name, int index) =>
        random.NextDouble() < 0.35 ? $"{Pinyin.Of(name).Full}.{index}@example.com" : null;

    private static double[] Cumulative(IEnumerable<double> weights)
    {
        var sum = 0.0;
        return [.. weights.Select(w => sum += w)];
    }
}
