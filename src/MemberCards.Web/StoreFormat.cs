using System.Globalization;
using MemberCards;
using Microsoft.Extensions.Options;

namespace MemberCards.Web;

/// <summary>Money and dates as the store's configured culture writes them.</summary>
public sealed class StoreFormat(IOptions<MemberCardsOptions> options, StoreClock clock)
{
    public CultureInfo Culture { get; } = CultureInfo.GetCultureInfo(options.Value.Culture);

    public string CurrencyCode => Culture.IsNeutralCulture ? "USD" : new RegionInfo(Culture.Name).ISOCurrencySymbol;

    public string Money(long minor) => MemberCards.Money.Format(minor, Culture);

    public string Number(long value) => value.ToString("N0", Culture);

    /// <summary>A short month label for chart axes, "Dec '25", that fits twelve across a phone screen.</summary>
    public string Month(DateOnly month) => month.ToString("MMM \\'yy", Culture);

    /// <summary>A UTC instant as the store's wall clock shows it, e.g. "3/20/2026 11:00 AM".</summary>
    public string DateTime(DateTime utc) => clock.ToLocal(utc).ToString("g", Culture);

    public string Date(DateTime utc) => clock.ToLocal(utc).ToString("d", Culture);
}
