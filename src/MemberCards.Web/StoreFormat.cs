using System.Globalization;
using MemberCards;
using Microsoft.Extensions.Options;

namespace MemberCards.Web;

/// <summary>Money and dates as the store's configured culture writes them.</summary>
public sealed class StoreFormat(IOptions<MemberCardsOptions> options)
{
    public CultureInfo Culture { get; } = CultureInfo.GetCultureInfo(options.Value.Culture);

    public string CurrencyCode => Culture.IsNeutralCulture ? "USD" : new RegionInfo(Culture.Name).ISOCurrencySymbol;

    public string Money(long minor) => MemberCards.Money.Format(minor, Culture);

    public string Number(long value) => value.ToString("N0", Culture);

    public string Month(DateOnly month) => month.ToString("MMM yyyy", Culture);
}
