using System.Globalization;
using MemberCards.Web.Components.Tiers;

namespace MemberCards.Web.Tests.Tiers;

/// <summary>A member price typed as 折 in Chinese and as "% off" in English, and the numbers that read as the other habit.</summary>
public sealed class MemberPriceInputTests
{
    private const int HalfPrice = 5_000;
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    [Theory]
    [InlineData("9.5", 9_500)]
    [InlineData("10", 10_000)]
    [InlineData("8", 8_000)]
    [InlineData("8.85", 8_850)]
    [InlineData("5", 5_000)]
    public void Zhe_are_tenths_of_the_price_paid(string typed, int rate)
    {
        Assert.Equal(new MemberPriceParsed(rate, null), MemberPriceInput.Parse(decimal.Parse(typed, CultureInfo.InvariantCulture), HalfPrice, Chinese));
        Assert.Equal(decimal.Parse(typed, CultureInfo.InvariantCulture), MemberPriceInput.Typed(rate, Chinese));
    }

    [Theory]
    [InlineData("5", 9_500)]
    [InlineData("0", 10_000)]
    [InlineData("12.5", 8_750)]
    [InlineData("50", 5_000)]
    public void Percent_off_is_the_part_taken_off_the_list_price(string typed, int rate)
    {
        Assert.Equal(new MemberPriceParsed(rate, null), MemberPriceInput.Parse(decimal.Parse(typed, CultureInfo.InvariantCulture), HalfPrice, English));
        Assert.Equal(decimal.Parse(typed, CultureInfo.InvariantCulture), MemberPriceInput.Typed(rate, English));
    }

    [Theory]
    [InlineData("95", "95", "9.5")]
    [InlineData("88", "88", "8.8")]
    [InlineData("95.0", "95", "9.5")]
    public void A_percent_typed_as_zhe_is_refused_with_the_zhe_it_means(string typed, string said, string meant) =>
        Assert.Equal(FieldError.Of(MessageCode.TierZheLooksLikePercent, said, meant), MemberPriceInput.Parse(decimal.Parse(typed, CultureInfo.InvariantCulture), HalfPrice, Chinese).Error);

    [Theory]
    [InlineData("95", "95", "5")]
    [InlineData("60", "60", "40")]
    public void A_rate_typed_as_percent_off_is_refused_with_the_price_it_would_sell_at(string typed, string said, string sellsAt) =>
        Assert.Equal(FieldError.Of(MessageCode.TierPercentOffLooksLikeRate, said, sellsAt), MemberPriceInput.Parse(decimal.Parse(typed, CultureInfo.InvariantCulture), HalfPrice, English).Error);

    [Fact]
    public void A_shop_that_allows_deeper_discounts_takes_60_percent_off_as_typed() =>
        Assert.Equal(new MemberPriceParsed(4_000, null), MemberPriceInput.Parse(60, 3_000, English));

    [Theory]
    [InlineData("zh-CN", "9.5555", 3)]
    [InlineData("en", "5.555", 2)]
    public void More_decimals_than_a_rate_holds_are_refused(string language, string typed, int most) =>
        Assert.Equal(FieldError.Of(MessageCode.DecimalsAtMost, most), MemberPriceInput.Parse(decimal.Parse(typed, CultureInfo.InvariantCulture), HalfPrice, CultureInfo.GetCultureInfo(language)).Error);

    [Theory]
    [InlineData("zh-CN", "0", 0)]
    [InlineData("zh-CN", "200", 10_001)]
    [InlineData("en", "100", 0)]
    [InlineData("en", "-5", 10_001)]
    public void Numbers_outside_list_price_and_the_lowest_are_left_to_the_tier_rules(string language, string typed, int rate) =>
        Assert.Equal(new MemberPriceParsed(rate, null), MemberPriceInput.Parse(decimal.Parse(typed, CultureInfo.InvariantCulture), HalfPrice, CultureInfo.GetCultureInfo(language)));
}
