using MemberCards.Members;

namespace MemberCards.Tests.Members;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("(555) 123-4567", "5551234567")]
    [InlineData("555.123.4567", "5551234567")]
    [InlineData(" +86 138 0013 8000 ", "+8613800138000")]
    [InlineData("+1 (555) 123-4567", "+15551234567")]
    public void Any_formatting_normalizes_to_one_form(string typed, string stored)
    {
        Assert.True(PhoneNumber.IsValid(typed));
        Assert.Equal(stored, PhoneNumber.Normalize(typed));
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("1234567890123456")]
    [InlineData("555-CALL-NOW")]
    [InlineData("")]
    public void Too_short_too_long_or_lettered_numbers_are_invalid(string typed) => Assert.False(PhoneNumber.IsValid(typed));

    [Theory]
    [InlineData("13812345678")]
    [InlineData("138 1234 5678")]
    [InlineData("138-1234-5678")]
    [InlineData("19912345678")]
    public void In_a_chinese_shop_a_mobile_is_11_digits_starting_13_to_19(string typed) => Assert.True(PhoneNumber.IsValid(typed, "CN"));

    [Theory]
    [InlineData("12812345678")]
    [InlineData("10012345678")]
    [InlineData("1381234567")]
    [InlineData("138123456789")]
    [InlineData("+86 138 1234 5678")]
    [InlineData("(555) 123-4567")]
    [InlineData("138.1234.5678")]
    public void In_a_chinese_shop_other_numbers_are_invalid(string typed)
    {
        Assert.False(PhoneNumber.IsValid(typed, "CN"));
        Assert.False(PhoneNumber.IsChineseMobile(typed));
    }

    [Fact]
    public void A_chinese_mobile_is_shown_3_4_4_in_a_chinese_shop_and_as_stored_elsewhere()
    {
        Assert.Equal("138 1234 5678", PhoneNumber.Format("13812345678", "CN"));
        Assert.Equal("13812345678", PhoneNumber.Format("13812345678", ""));
        Assert.Equal("5551234567", PhoneNumber.Format("5551234567", "CN"));
        Assert.Equal("+8613812345678", PhoneNumber.Format("+8613812345678", "CN"));
    }

    [Fact]
    public void Outside_a_chinese_shop_the_general_rule_applies() => Assert.True(PhoneNumber.IsValid("(555) 123-4567", "US"));
}
