using System.Globalization;
using MemberCards.Coupons;
using MemberCards.Web.Localization;
using Microsoft.Extensions.Localization;

namespace MemberCards.Web.Components.Coupons;

public enum TemplateStatus
{
    Active,
    Ended,
    Archived,
}

/// <summary>
/// A coupon template as a shop says it: "满50减10", "8折 最高¥20", "代金券¥10", "兑换 拿铁" in Chinese, "Spend $50, get $10 off",
/// "20% off, up to $20", "$10 voucher", "Free Latte" in English; its validity, the days it can be used and where it stands.
/// </summary>
public sealed class CouponWords(StoreFormat format, DiscountText discount, IStringLocalizer<CouponsText> text)
{
    public string Value(CouponTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template.Kind switch
        {
            CouponKind.AmountOff => text["AmountOffWords", format.OfferAmount(template.ThresholdMinor), format.OfferAmount(template.AmountOffMinor)],
            CouponKind.PercentOff when template.CapMinor > 0 => text["PercentOffCapWords", Percent(template.PercentOff), format.ShortMoney(template.CapMinor)],
            CouponKind.PercentOff => Percent(template.PercentOff),
            CouponKind.Voucher => text["VoucherWords", format.ShortMoney(template.AmountOffMinor)],
            _ => text["FreeProductWords", template.FreeProduct?.Name ?? ""],
        };
    }

    /// <summary>"8折" or "20% off": percent off as the reader's language says a price rate.</summary>
    public string Percent(int percentOff) => percentOff is > 0 and < 100 ? discount.Format(DiscountText.FullPrice - (percentOff * 100), CultureInfo.CurrentCulture) : "";

    public string Validity(CouponTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var dates = template is { ValidFrom: { } from, ValidTo: { } to }
            ? text["DateRange", StoreFormat.Date(from), StoreFormat.Date(to)].Value
            : text["DaysFromIssue", template.ValidDays ?? 1].Value;
        return template.Weekdays == CouponTemplate.EveryDay ? dates : text["OnDays", dates, Days(template.Weekdays)];
    }

    /// <summary>The days of the week a template can be used, Monday first, in the reader's short names ("Sat, Sun", "周六、周日").</summary>
    public string Days(int weekdays) => string.Join(text["DaySeparator"], WeekOrder.Where(d => (weekdays & (1 << (int)d)) != 0)
        .Select(d => CultureInfo.CurrentCulture.DateTimeFormat.GetAbbreviatedDayName(d)));

    public string Issued(CouponTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template.TotalQuantity is { } total
            ? text["IssuedOfTotal", format.Number(template.IssuedCount), format.Number(total)]
            : text["IssuedNoTotal", format.Number(template.IssuedCount)];
    }

    public static TemplateStatus Status(CouponTemplate template, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template.ArchivedAt is not null ? TemplateStatus.Archived
            : template.ValidTo is { } last && last < today ? TemplateStatus.Ended
            : TemplateStatus.Active;
    }

    public string Say(TemplateStatus status) => text[$"Status_{status}"];

    public static IReadOnlyList<DayOfWeek> WeekOrder { get; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];
}
