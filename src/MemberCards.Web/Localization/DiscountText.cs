using System.Globalization;

namespace MemberCards.Web.Localization;

/// <summary>
/// A price rate as each language says it: paying 95% of the list price is "9.5折" in Chinese (tenths of the price
/// paid) and "5% off" in English (the part taken off). Rates are basis points of the list price, 9500 = 95%.
/// </summary>
public sealed class DiscountText
{
    public const int FullPrice = 10_000;

    public string Format(int rateBasisPoints, CultureInfo culture)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rateBasisPoints);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rateBasisPoints, FullPrice);
        ArgumentNullException.ThrowIfNull(culture);
        return Languages.IsChinese(culture)
            ? (rateBasisPoints / 1000m).ToString("0.##", culture) + "折"
            : ((FullPrice - rateBasisPoints) / 100m).ToString("0.##", culture) + "% off";
    }

    public string Format(int rateBasisPoints) => Format(rateBasisPoints, CultureInfo.CurrentCulture);
}
