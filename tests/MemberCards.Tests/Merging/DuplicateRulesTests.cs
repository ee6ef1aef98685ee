using MemberCards.Merging;

namespace MemberCards.Tests.Merging;

public sealed class DuplicateRulesTests
{
    [Theory]
    [InlineData("+8613812345678", "13812345678", true)]
    [InlineData("15551234567", "5551234567", true)]
    [InlineData("5551234567", "5551234567", true)]
    [InlineData("13812345678", "13812345679", false)]
    [InlineData("1234567", "81234567", false)]
    public void Same_number_is_equal_digits_or_a_country_code_apart(string a, string b, bool same) =>
        Assert.Equal(same, DuplicateRules.SameNumber(a, b));

    [Theory]
    [InlineData("13812345678", "13812345679", true)]
    [InlineData("13812345678", "15912345678", true)]
    [InlineData("13812345678", "13812345678", true)]
    [InlineData("13812345678", "13812349999", false)]
    [InlineData("555123", "555124", true)]
    [InlineData("555123", "556124", false)]
    public void Similar_is_the_same_last_eight_digits_or_one_digit_apart(string a, string b, bool similar) =>
        Assert.Equal(similar, DuplicateRules.Similar(a, b));
}
