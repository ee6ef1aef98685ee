using MemberCards.Data;
using MemberCards.Members;
using MemberCards.Purchases;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.Members;

public sealed class PinyinSearchTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private int _zhangSan;
    private int _shanXiongxin;
    private int _zengGuofan;
    private int _ada;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _zhangSan = await _db.AddMemberAsync("张三");
        _shanXiongxin = await _db.AddMemberAsync("单雄信");
        _zengGuofan = await _db.AddMemberAsync("曾国藩");
        _ada = await _db.AddMemberAsync("Ada Lovelace", email: "ada@example.com");
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private async Task<IReadOnlyList<int>> FindInGrid(string search) =>
        [.. (await _db.Get<MemberSearch>().ListAsync(new MemberListQuery(search), TestUsers.Staff, CancellationToken.None)).Rows.Select(r => r.Id)];

    [Theory]
    [InlineData("zhangsan")]
    [InlineData("zs")]
    [InlineData("zhang san")]
    [InlineData("zhangs")]
    [InlineData("ZhangSan")]
    [InlineData("张三")]
    [InlineData("三")]
    public async Task The_grid_finds_a_chinese_name_by_its_pinyin_its_initials_a_prefix_of_either_or_its_characters(string typed) =>
        Assert.Equal([_zhangSan], await FindInGrid(typed));

    [Theory]
    [InlineData("shanxiongxin")]
    [InlineData("sxx")]
    [InlineData("shan")]
    public async Task A_polyphonic_family_name_is_found_by_its_surname_reading(string typed) =>
        Assert.Equal([_shanXiongxin], await FindInGrid(typed));

    [Fact]
    public async Task The_ordinary_reading_of_a_polyphonic_family_name_finds_nobody_and_pinyin_matches_only_from_its_start()
    {
        Assert.Empty(await FindInGrid("danxiongxin"));
        Assert.Empty(await FindInGrid("cengguofan"));
        Assert.Equal([_zengGuofan], await FindInGrid("zgf"));
        Assert.Empty(await FindInGrid("guofan"));
    }

    [Fact]
    public async Task Latin_names_and_emails_are_still_found_by_any_part()
    {
        Assert.Equal([_ada], await FindInGrid("love"));
        Assert.Equal([_ada], await FindInGrid("ada@"));
    }

    [Fact]
    public async Task The_till_lookup_and_the_purchases_filter_find_members_by_pinyin_too()
    {
        var found = await _db.Get<MemberLookup>().FindAsync("sxx", TestUsers.Staff, CancellationToken.None);
        Assert.Equal(_shanXiongxin, Assert.Single(found).Id);

        var coffee = await _db.AddProductAsync("美式咖啡", 2200, "咖啡");
        await _db.RecordAsync(_zengGuofan, TestDatabase.DefaultNow.AddHours(-1), (coffee, 1));
        var purchases = await _db.Get<PurchaseSearch>().ListAsync(new PurchaseQuery(Member: "zengg"), TestUsers.Staff, CancellationToken.None);
        Assert.Equal(_zengGuofan, Assert.Single(purchases.Rows).MemberId);
    }

    [Fact]
    public async Task A_renamed_member_is_found_by_the_new_names_pinyin_and_an_anonymized_one_by_none()
    {
        var row = (await _db.Get<MemberSearch>().ListAsync(new MemberListQuery("zs"), TestUsers.Staff, CancellationToken.None)).Rows.Single();
        var renamed = await _db.Get<MemberService>().UpdateAsync(new MemberEdit(row, "李四", null, null, false, null), TestUsers.Staff, CancellationToken.None);
        Assert.True(renamed.Succeeded);

        Assert.Empty(await FindInGrid("zs"));
        Assert.Equal([_zhangSan], await FindInGrid("ls"));
        Assert.True((await _db.Get<MemberCardService>().AnonymizeAsync(_zhangSan, TestUsers.Manager, CancellationToken.None)).Succeeded);
        Assert.Empty(await FindInGrid("ls"));
    }

    [Fact]
    public async Task Members_written_before_pinyin_search_are_folded_at_the_next_start()
    {
        await using (var db = _db.Open())
        {
            await db.Members.ExecuteUpdateAsync(m => m.SetProperty(x => x.SearchPinyin, (string?)null).SetProperty(x => x.SearchInitials, (string?)null));
        }
        Assert.Empty(await FindInGrid("zs"));

        Assert.Null(await _db.Get<DatabaseStartup>().PrepareAsync(CancellationToken.None));

        Assert.Equal([_zhangSan], await FindInGrid("zs"));
        await using var after = _db.Open();
        var ada = await after.Members.SingleAsync(m => m.Id == _ada);
        Assert.Equal(("", ""), (ada.SearchPinyin, ada.SearchInitials));
    }
}
