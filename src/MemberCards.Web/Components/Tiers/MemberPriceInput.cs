using System.Globalization;
using MemberCards.Tiers;
using MemberCards.Web.Localization;

namespace MemberCards.Web.Components.Tiers;

/// <summary>A member price read from what a manager typed: the rate, or why the number was not taken.</summary>
public readonly record struct MemberPriceParsed(int Rate, FieldError? Error);

/// <summary>
/// The member price as a manager types it: in Chinese the 折 number (9.5 → 9.5折 → rate 9500), in English the
/// percent taken off (5 → 5% off → rate 9500). A number that reads as the other language's habit (95 typed as 折,
/// 95 as "% off" meaning 95% of the price) is refused with what was probably meant, never taken as typed.
/// Ranges (list price down to the shop's lowest member price) are the tier rules' to check.
/// </summary>
public static class MemberPriceInput
{
    private const decimal MostZhe = 10;

    /// <summary>The number the field shows for a stored rate, in the reader's habit.</summary>
    public static decimal Typed(int rate, CultureInfo culture) =>
        Languages.IsChinese(culture) ? rate / 1000m : (Tier.ListRate - rate) / 100m;

    /// <param name="lowestRate">The shop's lowest member price: "% off" beyond it is read as a rate typed by mistake.</param>
    public static MemberPriceParsed Parse(decimal typed, int lowestRate, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return Languages.IsChinese(culture) ? FromZhe(typed, culture) : FromPercentOff(typed, lowestRate, culture);
    }

    // 折 are tenths of the price paid: 95 is 95% said as a percent, 9.5折.
    private static MemberPriceParsed FromZhe(decimal zhe, CultureInfo culture) =>
        zhe is > MostZhe and <= 100
            ? Refused(MessageCode.TierZheLooksLikePercent, Say(zhe, culture), Say(zhe / 10, culture))
            : FromRate(zhe * 1000, decimals: 3);

    // "95" meant as 95% of the price: taken as 95% off it would sell below what the shop allows, as a rate it would fit.
    private static MemberPriceParsed FromPercentOff(decimal off, int lowestRate, CultureInfo culture)
    {
        var rate = Tier.ListRate - off * 100;
        return rate < lowestRate && off * 100 >= lowestRate && off < 100
            ? Refused(MessageCode.TierPercentOffLooksLikeRate, Say(off, culture), Say(100 - off, culture))
            : FromRate(rate, decimals: 2);
    }

    // A rate outside the int range is far outside list price..lowest anyway: clamped, it is refused by the rules.
    private static MemberPriceParsed FromRate(decimal rate, int decimals) => rate % 1 != 0
        ? Refused(MessageCode.DecimalsAtMost, decimals)
        : new((int)Math.Clamp(rate, -1, Tier.ListRate + 1), null);

    private static MemberPriceParsed Refused(MessageCode code, params IReadOnlyList<object?> args) => new(0, FieldError.Of(code, args));

    private static string Say(decimal value, CultureInfo culture) => value.ToString("0.###", culture);
}
