using System.Globalization;
using MemberCards.Members;
using MemberCards.Web.Localization;
using Microsoft.Extensions.DependencyInjection;

namespace MemberCards.Web.Tests.Localization;

/// <summary>A service's codes said in each language, arguments included; discounts as each language says them.</summary>
public sealed class MessagesTests : MudTestContext
{
    [Fact]
    public void A_refusal_reads_in_English_with_its_arguments()
    {
        var messages = Services.GetRequiredService<Messages>();

        Assert.Equal("Name can be at most 200 characters.", messages.Say(new FieldError("Name", MessageCode.MemberNameTooLong, 200)));
        Assert.Equal("Row 3: Name is required.", messages.Say(FieldError.Of(MessageCode.InRow, 3, new FieldError("Name", MessageCode.MemberNameRequired))));
    }

    [Fact]
    public void Nested_messages_field_names_and_enums_follow_the_language()
    {
        var error = FieldError.Of(MessageCode.MemberEditedByOther, FieldError.Of(MessageCode.SomeoneElse),
            new[] { FieldError.Of(MessageCode.FieldNowWas, new FieldName("Tier"), "Gold", null) });
        var replaced = FieldError.Of(MessageCode.CardReplacedNotice, "1234 5678 9012", new DateOnly(2026, 3, 2), CardRetirement.Lost);

        var english = In(Languages.English, m => (m.Say(error), m.Say(replaced)));
        var chinese = In(Languages.Chinese, m => (m.Say(error), m.Say(replaced)));

        Assert.StartsWith("Someone else saved this member after you opened it: Tier is now \"Gold\" (was \"(empty)\")", english.Item1, StringComparison.Ordinal);
        Assert.Equal("Card 1234 5678 9012 was replaced on 2026-03-02 (lost); this is its member, with their current card.", english.Item2);
        Assert.StartsWith("其他人在您打开后保存了该会员：等级现在是“Gold”（原为“（空）”）", chinese.Item1, StringComparison.Ordinal);
        Assert.Contains("（挂失）", chinese.Item2, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(9500, "en", "5% off")]
    [InlineData(9500, "zh-CN", "9.5折")]
    [InlineData(8800, "zh-CN", "8.8折")]
    [InlineData(8850, "en", "11.5% off")]
    [InlineData(8850, "zh-CN", "8.85折")]
    public void A_discount_reads_as_each_language_says_it(int rate, string language, string expected) =>
        Assert.Equal(expected, new DiscountText().Format(rate, CultureInfo.GetCultureInfo(language)));

    [Fact]
    public void Money_keeps_the_store_currency_in_either_language()
    {
        var format = new StoreFormat(Microsoft.Extensions.Options.Options.Create(new MemberCardsOptions { Culture = "zh-CN", TimeZone = "Asia/Shanghai" }),
            new StoreClock(TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new MemberCardsOptions { Culture = "zh-CN", TimeZone = "Asia/Shanghai" })));

        Assert.Equal("¥1,234.50", In(Languages.English, _ => format.Money(123_450)));
        Assert.Equal("¥1,234.50", In(Languages.Chinese, _ => format.Money(123_450)));
    }

    private T In<T>(string language, Func<Messages, T> read)
    {
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
            return read(Services.GetRequiredService<Messages>());
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui);
        }
    }
}
