using System.Globalization;
using MemberCards;
using MemberCards.Web.Localization;
using Microsoft.Extensions.Options;

namespace MemberCards.Web;

/// <summary>
/// Money in the store's currency (a Chinese shop's amounts read ¥ in either language); numbers, dates and month
/// names in the user's language, the culture of the request that started their circuit.
/// </summary>
public sealed class StoreFormat(IOptions<MemberCardsOptions> options, StoreClock clock)
{
    /// <summary>The store's culture: it decides the currency, not the language of the page.</summary>
    public CultureInfo MoneyCulture { get; } = CultureInfo.GetCultureInfo(options.Value.Culture);

    public string CurrencyCode => MoneyCulture.IsNeutralCulture ? "USD" : new RegionInfo(MoneyCulture.Name).ISOCurrencySymbol;

    public string Money(long minor) => MemberCards.Money.Format(minor, MoneyCulture);

    /// <summary>An amount as an offer says it: whole amounts drop ".00" ("¥50", "¥12.50"), in the store's currency.</summary>
    public string ShortMoney(long minor) => MemberCards.Money.ToMajor(minor).ToString(minor % MemberCards.Money.MinorPerMajor == 0 ? "C0" : "C", MoneyCulture);

    /// <summary>Chinese shops write an offer's amounts as bare yuan (充500送80, 满50减10); English reads <see cref="ShortMoney"/>.</summary>
    public string OfferAmount(long minor) => Languages.IsChinese(CultureInfo.CurrentUICulture)
        ? MemberCards.Money.ToMajor(minor).ToString(minor % MemberCards.Money.MinorPerMajor == 0 ? "0" : "0.00", CultureInfo.InvariantCulture)
        : ShortMoney(minor);

    /// <summary>A stored phone number as the store's region writes it ("138 1234 5678" in a Chinese shop); exports keep the digits.</summary>
    public string Phone(string stored) => MemberCards.Members.PhoneNumber.Format(stored, options.Value.Region);

    /// <summary>The user's language's culture, for dates, numbers and weekday names.</summary>
    public static CultureInfo UserCulture => CultureInfo.CurrentCulture;

    public string Number(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>A short month label for chart axes, "Dec '25" or "25年12月", that fits twelve across a phone screen.</summary>
    public string Month(DateOnly month) => Languages.IsChinese(CultureInfo.CurrentCulture)
        ? month.ToString("yy年M月", CultureInfo.CurrentCulture)
        : month.ToString("MMM \\'yy", CultureInfo.CurrentCulture);

    /// <summary>A UTC instant as the store's wall clock shows it, e.g. "3/20/2026 11:00 AM" or "2026/3/20 11:00".</summary>
    public string DateTime(DateTime utc) => clock.ToLocal(utc).ToString("g", CultureInfo.CurrentCulture);

    public string Date(DateTime utc) => clock.ToLocal(utc).ToString("d", CultureInfo.CurrentCulture);

    /// <summary>A store day (e.g. the last day points can be spent) in the user's date format.</summary>
    public static string Date(DateOnly day) => day.ToString("d", CultureInfo.CurrentCulture);
}
