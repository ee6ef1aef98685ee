using MemberCards.Members;

namespace MemberCards.Tests.Members;

public sealed class CardNumberTests
{
    private static readonly string[] Issued = [.. Enumerable.Range(0, 200).Select(seed => CardNumber.Generate(new Random(seed)))];

    [Fact]
    public void Issued_numbers_have_twelve_digits_and_pass_their_check()
    {
        Assert.All(Issued, number =>
        {
            Assert.Equal(CardNumber.Length, number.Length);
            Assert.True(CardNumber.IsValid(number), number);
            Assert.NotEqual('0', number[0]);
        });
    }

    [Fact]
    public void Every_single_digit_typo_is_rejected()
    {
        foreach (var number in Issued)
        {
            for (var position = 0; position < number.Length; position++)
            {
                foreach (var digit in "0123456789".Where(d => d != number[position]))
                {
                    var typo = number[..position] + digit + number[(position + 1)..];
                    Assert.False(CardNumber.IsValid(typo), $"{typo} (typo of {number}) was accepted");
                }
            }
        }
    }

    [Fact]
    public void Every_swap_of_neighbouring_digits_is_rejected()
    {
        foreach (var number in Issued.Append("109000000000"))
        {
            for (var position = 0; position < number.Length - 1; position++)
            {
                if (number[position] == number[position + 1])
                {
                    continue;
                }
                var swapped = number[..position] + number[position + 1] + number[position] + number[(position + 2)..];
                Assert.False(CardNumber.IsValid(swapped), $"{swapped} (swap in {number}) was accepted");
            }
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("12345")]
    [InlineData("abcdefghijkl")]
    [InlineData("1234567890123")]
    public void Malformed_input_is_not_a_card_number(string? input) => Assert.False(CardNumber.IsValid(input));

    [Fact]
    public void Spaces_and_dashes_people_type_are_ignored()
    {
        var number = Issued[0];
        var typed = $"{number[..4]} {number[4..8]}-{number[8..]}";
        Assert.True(CardNumber.IsValid(typed));
        Assert.Equal(number, CardNumber.Normalize(typed));
        Assert.Equal($"{number[..4]} {number[4..8]} {number[8..]}", CardNumber.Format(number));
    }
}
