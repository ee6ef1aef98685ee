using System.ComponentModel.DataAnnotations;

namespace MemberCards.Tests.Purchases;

/// <summary>The purchase settings are checked at start-up like the others (ValidateDataAnnotations + ValidateOnStart).</summary>
public sealed class PurchaseOptionsTests
{
    private static List<string> Problems(MemberCardsOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.SelectMany(r => r.MemberNames)];
    }

    [Fact]
    public void The_defaults_are_a_week_of_backdating_and_a_price_ceiling_of_1000()
    {
        var options = new MemberCardsOptions();

        Assert.Equal((7, 100_000L), (options.PurchaseBackdatingDays, options.MaxUnitPriceMinor));
        Assert.Empty(Problems(options));
    }

    [Theory]
    [InlineData(-1, 100_000, "PurchaseBackdatingDays")]
    [InlineData(367, 100_000, "PurchaseBackdatingDays")]
    [InlineData(7, 0, "MaxUnitPriceMinor")]
    public void A_window_or_ceiling_out_of_range_stops_the_start(int days, long ceiling, string setting)
    {
        Assert.Equal([setting], Problems(new MemberCardsOptions { PurchaseBackdatingDays = days, MaxUnitPriceMinor = ceiling }));
    }
}
