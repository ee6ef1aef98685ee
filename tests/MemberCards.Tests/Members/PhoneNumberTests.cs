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
}
