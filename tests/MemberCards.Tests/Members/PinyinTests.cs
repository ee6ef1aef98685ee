using MemberCards.Members;

namespace MemberCards.Tests.Members;

public sealed class PinyinTests
{
    [Theory]
    [InlineData("张三", "zhangsan", "zs")]
    [InlineData("单雄信", "shanxiongxin", "sxx")]
    [InlineData("曾国藩", "zengguofan", "zgf")]
    [InlineData("解缙", "xiejin", "xj")]
    [InlineData("区志华", "ouzhihua", "ozh")]
    [InlineData("仇英", "qiuying", "qy")]
    [InlineData("朴树", "piaoshu", "ps")]
    [InlineData("查良镛", "zhaliangyong", "zly")]
    [InlineData("乐嘉", "yuejia", "yj")]
    [InlineData("欧阳修", "ouyangxiu", "oyx")]
    [InlineData("吕布", "lvbu", "lb")]
    public void A_name_reads_as_its_pinyin_and_initials_with_the_family_name_reading(string name, string full, string initials) =>
        Assert.Equal(new PinyinName(full, initials), Pinyin.Of(name));

    [Theory]
    [InlineData("王单", "wangdan")]
    [InlineData("李曾", "liceng")]
    [InlineData("简单", "jiandan")]
    public void Only_the_first_character_is_read_as_a_family_name(string name, string full) =>
        Assert.Equal(full, Pinyin.Of(name).Full);

    [Fact]
    public void A_name_without_chinese_characters_has_no_pinyin_and_latin_letters_in_a_chinese_name_are_kept()
    {
        Assert.Equal(PinyinName.None, Pinyin.Of("Ada Lovelace"));
        Assert.Equal(PinyinName.None, Pinyin.Of(""));
        Assert.Equal(new PinyinName("zhangannawei", "zaw"), Pinyin.Of("张 Anna 伟"));
    }

    [Theory]
    [InlineData("zhangsan", "zhangsan")]
    [InlineData("Zhang San", "zhangsan")]
    [InlineData(" ZS ", "zs")]
    [InlineData("xi'an", "xian")]
    [InlineData("张三", null)]
    [InlineData("zs1", null)]
    [InlineData("ada@example", null)]
    [InlineData("  ", null)]
    public void A_search_box_is_pinyin_only_when_it_holds_letters_spaces_and_apostrophes(string typed, string? key) =>
        Assert.Equal(key, Pinyin.SearchKey(typed));
}
