using MemberCards.Import;

namespace MemberCards.Tests.Import;

public sealed class ImportValuesTests
{
    [Theory]
    [InlineData("2026/3/1")]
    [InlineData("2026-03-01")]
    [InlineData("2026年3月1日")]
    [InlineData("2026.3.1")]
    [InlineData(" 2026 年 3 月 1 日 ")]
    public void Year_first_dates_in_every_usual_form_are_read(string text)
    {
        Assert.True(ImportValues.TryDate(text, DayMonthOrder.Unknown, out var local, out _));
        Assert.Equal(new DateTime(2026, 3, 1), local);
    }

    [Fact]
    public void A_day_month_date_is_refused_as_ambiguous_until_the_user_picks_the_order_and_one_that_cannot_be_misread_is_taken()
    {
        Assert.False(ImportValues.TryDate("03/01/2026", DayMonthOrder.Unknown, out _, out var error));
        Assert.Equal(MessageCode.ImportDateAmbiguous, error);
        Assert.True(ImportValues.TryDate("03/01/2026", DayMonthOrder.DayFirst, out var dayFirst, out _));
        Assert.True(ImportValues.TryDate("03/01/2026", DayMonthOrder.MonthFirst, out var monthFirst, out _));
        Assert.True(ImportValues.TryDate("25/12/2025", DayMonthOrder.Unknown, out var unambiguous, out _));

        Assert.Equal((new DateTime(2026, 1, 3), new DateTime(2026, 3, 1), new DateTime(2025, 12, 25)), (dayFirst, monthFirst, unambiguous));
    }

    [Theory]
    [InlineData("2026-13-45")]
    [InlineData("yesterday")]
    [InlineData("2026-02-30")]
    public void A_date_that_is_no_date_is_refused(string text)
    {
        Assert.False(ImportValues.TryDate(text, DayMonthOrder.DayFirst, out _, out var error));
        Assert.Equal(MessageCode.ImportDateInvalid, error);
    }

    [Fact]
    public void A_time_after_the_date_is_kept()
    {
        Assert.True(ImportValues.TryDate("2026/3/1 9:05", DayMonthOrder.Unknown, out var local, out _));
        Assert.Equal(new DateTime(2026, 3, 1, 9, 5, 0), local);
    }

    [Theory]
    [InlineData("¥1,234.50", 123_450)]
    [InlineData("￥88.00元", 8_800)]
    [InlineData("100元", 10_000)]
    [InlineData("RMB 1,000", 100_000)]
    [InlineData("0.1", 10)]
    public void Money_with_currency_signs_commas_and_yuan_is_read_to_the_fen(string text, long minor)
    {
        Assert.True(ImportValues.TryMoney(text, out var read, out _));
        Assert.Equal(minor, read);
    }

    [Theory]
    [InlineData("-50", MessageCode.ImportAmountNegative)]
    [InlineData("12.345", MessageCode.ImportAmountInvalid)]
    [InlineData("一百", MessageCode.ImportAmountInvalid)]
    public void Negative_or_unreadable_money_is_refused(string text, MessageCode code)
    {
        Assert.False(ImportValues.TryMoney(text, out _, out var error));
        Assert.Equal(code, error);
    }

    [Theory]
    [InlineData("是", true)]
    [InlineData("Yes", true)]
    [InlineData("否", false)]
    [InlineData("0", false)]
    public void Yes_and_no_are_read_in_both_languages(string text, bool value)
    {
        Assert.True(ImportValues.TryYesNo(text, out var read));
        Assert.Equal(value, read);
    }
}
