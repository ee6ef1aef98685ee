using MemberCards.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.Members;

public sealed class ChineseShopTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async ValueTask InitializeAsync() => _db = await TestDatabase.CreateAsync(timeZone: "Asia/Shanghai", region: MemberCardsOptions.China);

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private MemberService Members => _db.Get<MemberService>();

    [Theory]
    [InlineData("12812345678")]
    [InlineData("555 123 4567")]
    [InlineData("1381234567")]
    public async Task A_number_that_is_not_a_chinese_mobile_is_refused_at_the_phone_field(string phone)
    {
        var result = await Members.CreateAsync(new NewMember("张三", null, phone), TestUsers.Staff, CancellationToken.None);

        var error = Assert.Single(result.Errors);
        Assert.Equal((nameof(NewMember.Phone), MessageCode.PhoneNotChineseMobile), (error.Field, error.Code));
        await using var db = _db.Open();
        Assert.Empty(db.Members);
    }

    [Fact]
    public async Task A_mobile_typed_3_4_4_is_stored_as_its_digits_and_found_by_any_of_them()
    {
        var id = await _db.AddMemberAsync("张三", phone: "138 1234 5678");

        await using (var db = _db.Open())
        {
            Assert.Equal("13812345678", await db.Members.Where(m => m.Id == id).Select(m => m.Phone).SingleAsync());
        }
        foreach (var typed in new[] { "1234 56", "138 1234", "45678", "13812345678" })
        {
            var page = await _db.Get<MemberSearch>().ListAsync(new MemberListQuery(typed), TestUsers.Staff, CancellationToken.None);
            Assert.Equal(id, Assert.Single(page.Rows).Id);
        }
    }

    [Fact]
    public async Task An_inline_edit_to_a_bad_number_is_refused_at_the_field_and_changes_nothing()
    {
        var id = await _db.AddMemberAsync("李四", phone: "13912345678");
        var row = (await _db.Get<MemberSearch>().ListAsync(new MemberListQuery("李四"), TestUsers.Staff, CancellationToken.None)).Rows.Single(r => r.Id == id);

        var result = await Members.UpdateAsync(new MemberEdit(row, row.Name, null, "2345", false, null), TestUsers.Staff, CancellationToken.None);

        Assert.Equal(MessageCode.PhoneNotChineseMobile, Assert.Single(result.Errors).Code);
        await using var db = _db.Open();
        Assert.Equal("13912345678", await db.Members.Where(m => m.Id == id).Select(m => m.Phone).SingleAsync());
    }

    [Fact]
    public void A_chinese_shop_defaults_to_shanghai_time_yuan_and_chinese_unless_set()
    {
        var china = new MemberCardsOptions { Region = MemberCardsOptions.China };
        Assert.Equal(("Asia/Shanghai", "zh-CN", "zh-CN", "zh-CN"), (china.TimeZone, china.Culture, china.Language, china.DemoProfile));

        var set = new MemberCardsOptions { Region = MemberCardsOptions.China, TimeZone = "Asia/Hong_Kong", Culture = "en-US", Language = "en" };
        Assert.Equal(("Asia/Hong_Kong", "en-US", "en"), (set.TimeZone, set.Culture, set.Language));

        var other = new MemberCardsOptions();
        Assert.Equal(("America/New_York", "en-US", "en", "en"), (other.TimeZone, other.Culture, other.Language, other.DemoProfile));
    }

    [Theory]
    [InlineData("cn", null, true)]
    [InlineData("XX", null, true)]
    [InlineData("CN", "en", true)]
    [InlineData("CN", "fr", true)]
    [InlineData("CN", "zh-CN", false)]
    [InlineData("US", null, false)]
    [InlineData("", "zh-CN", false)]
    public void A_region_or_demo_profile_that_cannot_work_stops_the_start(string region, string? profile, bool refused)
    {
        var options = new MemberCardsOptions { Region = region, DemoData = new DemoDataOptions { Profile = profile } };

        var problems = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();

        Assert.Equal(refused, problems.Count > 0);
    }
}
