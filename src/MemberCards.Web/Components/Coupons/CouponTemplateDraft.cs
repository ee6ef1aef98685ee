using System.Globalization;
using MemberCards.Coupons;
using MemberCards.Web.Components.CardRules;
using MemberCards.Web.Components.Tiers;
using MemberCards.Web.Localization;

namespace MemberCards.Web.Components.Coupons;

/// <summary>
/// A coupon template as the dialog holds it while it is typed: amounts in yuan, the 折扣 in the reader's habit (8折 in
/// Chinese, "20% off" in English, read by <see cref="MemberPriceInput"/>), dates as the pickers give them.
/// <see cref="ToInput"/> turns it into the service's input, or the fields it could not read.
/// </summary>
public sealed class CouponTemplateDraft
{
    // The percent-off field reads like a member price; 1% of list (a 99% off coupon) is the lowest it may say.
    private const int LowestRate = 100;

    public int Id { get; private init; }
    public int Version { get; private init; }
    public string Name { get; set; } = "";
    public CouponKind Kind { get; set; }
    public decimal Threshold { get; set; }
    public decimal AmountOff { get; set; }
    public decimal PercentTyped { get; set; }
    public decimal Cap { get; set; }
    public int? FreeProductId { get; set; }
    public IReadOnlyCollection<int> ProductIds { get; set; } = [];
    public IReadOnlyCollection<string> Categories { get; set; } = [];
    public bool FixedDates { get; set; }
    public DateTime? ValidFrom { get; set; }
    public DateTime? ValidTo { get; set; }
    public int? ValidDays { get; set; } = 30;
    public IReadOnlyCollection<DayOfWeek> Weekdays { get; set; } = [.. Enum.GetValues<DayOfWeek>()];
    public int? MinTierId { get; set; }
    public int? PerMemberLimit { get; set; } = 1;
    public int? TotalQuantity { get; set; }
    public bool Combines { get; set; }
    public CouponTrigger Trigger { get; set; }
    public int? TriggerTierId { get; set; }

    public static CouponTemplateDraft From(CouponTemplate template, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(template);
        return new()
        {
            Id = template.Id,
            Version = template.Version,
            Name = template.Name,
            Kind = template.Kind,
            Threshold = Money.ToMajor(template.ThresholdMinor),
            AmountOff = Money.ToMajor(template.AmountOffMinor),
            PercentTyped = template.PercentOff == 0 ? 0 : MemberPriceInput.Typed(DiscountText.FullPrice - (template.PercentOff * 100), culture),
            Cap = Money.ToMajor(template.CapMinor),
            FreeProductId = template.FreeProductId,
            ProductIds = [.. template.ProductIds],
            Categories = [.. template.Categories],
            FixedDates = template.ValidFrom is not null,
            ValidFrom = template.ValidFrom?.ToDateTime(TimeOnly.MinValue),
            ValidTo = template.ValidTo?.ToDateTime(TimeOnly.MinValue),
            ValidDays = template.ValidDays,
            Weekdays = [.. Enum.GetValues<DayOfWeek>().Where(template.IsValidOn)],
            MinTierId = template.MinTierId,
            PerMemberLimit = template.PerMemberLimit,
            TotalQuantity = template.TotalQuantity,
            Combines = template.Combines,
            Trigger = template.Trigger,
            TriggerTierId = template.TriggerTierId,
        };
    }

    /// <summary>The service's input, with the fields this side could not read (a third decimal, 85 typed as 折).</summary>
    public (CouponTemplateInput Input, IReadOnlyList<FieldError> Unread) ToInput(CultureInfo culture)
    {
        var unread = new List<FieldError>();
        long Amount(decimal yuan, string field)
        {
            if (AmountInput.Error(yuan) is { } error)
            {
                unread.Add(error with { Field = field });
            }
            return AmountInput.ToMinor(yuan);
        }
        var (isAmountOff, isPercent) = (Kind == CouponKind.AmountOff, Kind == CouponKind.PercentOff);
        var threshold = isAmountOff ? Amount(Threshold, nameof(CouponTemplateInput.ThresholdMinor)) : 0;
        var amountOff = Kind is CouponKind.AmountOff or CouponKind.Voucher ? Amount(AmountOff, nameof(CouponTemplateInput.AmountOffMinor)) : 0;
        var cap = isPercent ? Amount(Cap, nameof(CouponTemplateInput.CapMinor)) : 0;
        var percent = isPercent ? PercentOff(culture, unread) : 0;
        var eligible = Kind != CouponKind.FreeProduct;
        var weekdays = Weekdays.Aggregate(0, (bits, day) => bits | (1 << (int)day));
        var input = new CouponTemplateInput(Id, Version, Name, Kind, threshold, amountOff, percent, cap, Kind == CouponKind.FreeProduct ? FreeProductId : null,
            eligible ? [.. ProductIds] : [], eligible ? [.. Categories] : [], FixedDates ? Day(ValidFrom) : null, FixedDates ? Day(ValidTo) : null,
            FixedDates ? null : ValidDays, weekdays, MinTierId, PerMemberLimit, TotalQuantity, Combines, Trigger,
            Trigger == CouponTrigger.ReachingTier ? TriggerTierId : null);
        return (input, unread);
    }

    private int PercentOff(CultureInfo culture, List<FieldError> unread)
    {
        const string field = nameof(CouponTemplateInput.PercentOff);
        var parsed = MemberPriceInput.Parse(PercentTyped, LowestRate, culture);
        if (parsed.Error is { } error)
        {
            unread.Add(error with { Field = field });
            return 0;
        }
        if ((DiscountText.FullPrice - parsed.Rate) % 100 != 0)
        {
            unread.Add(new FieldError(field, MessageCode.CouponPercentNotWhole));
            return 0;
        }
        return (DiscountText.FullPrice - parsed.Rate) / 100;
    }

    private static DateOnly? Day(DateTime? date) => date is { } d ? DateOnly.FromDateTime(d) : null;
}
