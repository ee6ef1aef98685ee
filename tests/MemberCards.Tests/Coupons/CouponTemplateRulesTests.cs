using System.Globalization;
using MemberCards.Coupons;

namespace MemberCards.Tests.Coupons;

/// <summary>What a coupon template must be before it is saved: each refusal at its field.</summary>
public sealed class CouponTemplateRulesTests
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("zh-CN");

    private static IReadOnlyList<(string Field, MessageCode Code)> Refusals(CouponTemplateInput input) =>
        [.. CouponTemplateRules.Validate(input, Culture).Select(e => (e.Field, e.Code))];

    private static CouponTemplateInput AmountOff(long threshold, long off) => new(0, 0, "满减", CouponKind.AmountOff, ThresholdMinor: threshold, AmountOffMinor: off, ValidDays: 30);

    [Fact]
    public void A_threshold_not_above_the_amount_off_is_refused_at_the_threshold()
    {
        Assert.Equal([("ThresholdMinor", MessageCode.CouponThresholdNotAboveAmount)], Refusals(AmountOff(1_000, 1_000)));
        Assert.Empty(Refusals(AmountOff(1_001, 1_000)));
        Assert.Equal([("AmountOffMinor", MessageCode.CouponAmountNotPositive)], Refusals(AmountOff(5_000, 0)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(-5)]
    public void A_percent_outside_1_to_99_is_refused(int percent) =>
        Assert.Equal([("PercentOff", MessageCode.CouponPercentOutOfRange)], Refusals(new(0, 0, "折扣", CouponKind.PercentOff, PercentOff: percent, ValidDays: 30)));

    [Fact]
    public void Validity_ending_before_it_starts_missing_or_out_of_range_and_no_weekday_are_refused()
    {
        var day = new DateOnly(2026, 12, 1);
        Assert.Equal([("ValidTo", MessageCode.CouponValidityEndsBeforeStart)], Refusals(AmountOff(5_000, 1_000) with { ValidDays = null, ValidFrom = day, ValidTo = day.AddDays(-1) }));
        Assert.Empty(Refusals(AmountOff(5_000, 1_000) with { ValidDays = null, ValidFrom = day, ValidTo = day }));
        Assert.Equal([("ValidDays", MessageCode.CouponValidityMissing)], Refusals(AmountOff(5_000, 1_000) with { ValidDays = null }));
        Assert.Equal([("ValidDays", MessageCode.CouponValidDaysOutOfRange)], Refusals(AmountOff(5_000, 1_000) with { ValidDays = 0 }));
        Assert.Equal([("Weekdays", MessageCode.CouponNoWeekdays)], Refusals(AmountOff(5_000, 1_000) with { Weekdays = 0 }));
        Assert.Equal([("Name", MessageCode.CouponNameRequired), ("FreeProductId", MessageCode.CouponProductMissing)],
            Refusals(new(0, 0, " ", CouponKind.FreeProduct, ValidDays: 30)));
    }

    [Fact]
    public void Codes_are_unique_twelve_digits_and_the_check_digit_catches_a_mistyped_digit_or_two_swapped()
    {
        var codes = Enumerable.Range(1, 100_000).Select(i => CouponCode.For(i)).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(codes.Take(1_000), c => Assert.True(c.Length == 12 && CouponCode.HasValidCheckDigit(c)));
        var code = codes[41];
        for (var i = 0; i < 11; i++)
        {
            var typo = code[..i] + (char)('0' + ((code[i] - '0' + 3) % 10)) + code[(i + 1)..];
            Assert.False(CouponCode.HasValidCheckDigit(typo), typo);
            if (code[i] != code[i + 1] && !(code[i] is '0' or '9' && code[i + 1] is '0' or '9'))
            {
                var swapped = code[..i] + code[i + 1] + code[i] + code[(i + 2)..];
                Assert.False(CouponCode.HasValidCheckDigit(swapped), swapped);
            }
        }
        Assert.Equal(code, CouponCode.Normalize(CouponCode.Format(code)));
    }
}
