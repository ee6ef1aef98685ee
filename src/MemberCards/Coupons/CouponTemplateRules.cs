namespace MemberCards.Coupons;

/// <summary>A coupon template as managers and marketing edit it.</summary>
/// <param name="Id">0 for a new template.</param>
/// <param name="Version">The version the editor loaded (0 for a new one).</param>
public sealed record CouponTemplateInput(int Id, int Version, string Name, CouponKind Kind,
    long ThresholdMinor = 0, long AmountOffMinor = 0, int PercentOff = 0, long CapMinor = 0, int? FreeProductId = null,
    IReadOnlyList<int>? ProductIds = null, IReadOnlyList<string>? Categories = null,
    DateOnly? ValidFrom = null, DateOnly? ValidTo = null, int? ValidDays = null, int Weekdays = CouponTemplate.EveryDay,
    int? MinTierId = null, int? PerMemberLimit = null, int? TotalQuantity = null, bool Combines = false,
    CouponTrigger Trigger = CouponTrigger.None, int? TriggerTierId = null)
{
    public static CouponTemplateInput From(CouponTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return new(template.Id, template.Version, template.Name, template.Kind, template.ThresholdMinor, template.AmountOffMinor, template.PercentOff,
            template.CapMinor, template.FreeProductId, template.ProductIds, template.Categories, template.ValidFrom, template.ValidTo, template.ValidDays,
            template.Weekdays, template.MinTierId, template.PerMemberLimit, template.TotalQuantity, template.Combines, template.Trigger, template.TriggerTierId);
    }

    /// <summary>Copies the input onto the template, keeping only what its kind uses (a 满减's percent is not kept).</summary>
    public void CopyTo(CouponTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var fixedDates = ValidFrom is not null || ValidTo is not null;
        template.Name = Name.Trim();
        template.Kind = Kind;
        template.ThresholdMinor = Kind == CouponKind.AmountOff ? ThresholdMinor : 0;
        template.AmountOffMinor = Kind is CouponKind.AmountOff or CouponKind.Voucher ? AmountOffMinor : 0;
        template.PercentOff = Kind == CouponKind.PercentOff ? PercentOff : 0;
        template.CapMinor = Kind == CouponKind.PercentOff ? CapMinor : 0;
        template.FreeProductId = Kind == CouponKind.FreeProduct ? FreeProductId : null;
        template.ProductIds = Kind == CouponKind.FreeProduct ? [] : [.. (ProductIds ?? []).Distinct()];
        template.Categories = Kind == CouponKind.FreeProduct ? [] : [.. (Categories ?? []).Select(c => c.Trim()).Where(c => c.Length > 0).Distinct()];
        template.ValidFrom = ValidFrom;
        template.ValidTo = ValidTo;
        template.ValidDays = fixedDates ? null : ValidDays;
        template.Weekdays = Weekdays;
        template.MinTierId = MinTierId;
        template.PerMemberLimit = PerMemberLimit;
        template.TotalQuantity = TotalQuantity;
        template.Combines = Combines;
        template.Trigger = Trigger;
        template.TriggerTierId = Trigger == CouponTrigger.ReachingTier ? TriggerTierId : null;
    }
}

/// <summary>What a coupon template must be before it is saved; each refusal names its field.</summary>
public static class CouponTemplateRules
{
    public const int NameLength = 60;
    public const int MaxValidDays = 3_650;

    public static IEnumerable<FieldError> Validate(CouponTemplateInput input, System.Globalization.CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(input);
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            yield return new FieldError(nameof(input.Name), MessageCode.CouponNameRequired);
        }
        else if (name.Length > NameLength)
        {
            yield return new FieldError(nameof(input.Name), MessageCode.CouponNameTooLong, NameLength);
        }
        foreach (var error in ValueErrors(input, culture))
        {
            yield return error;
        }
        foreach (var error in ValidityErrors(input))
        {
            yield return error;
        }
        if (input.Weekdays is <= 0 or > CouponTemplate.EveryDay)
        {
            yield return new FieldError(nameof(input.Weekdays), MessageCode.CouponNoWeekdays);
        }
        if (input.PerMemberLimit is < 1)
        {
            yield return new FieldError(nameof(input.PerMemberLimit), MessageCode.CouponLimitNotPositive);
        }
        if (input.TotalQuantity is < 1)
        {
            yield return new FieldError(nameof(input.TotalQuantity), MessageCode.CouponLimitNotPositive);
        }
        if (input.Trigger == CouponTrigger.ReachingTier && input.TriggerTierId is null)
        {
            yield return new FieldError(nameof(input.TriggerTierId), MessageCode.CouponTriggerTierMissing);
        }
    }

    private static IEnumerable<FieldError> ValueErrors(CouponTemplateInput input, System.Globalization.CultureInfo culture)
    {
        switch (input.Kind)
        {
            case CouponKind.AmountOff or CouponKind.Voucher when input.AmountOffMinor <= 0:
                yield return new FieldError(nameof(input.AmountOffMinor), MessageCode.CouponAmountNotPositive);
                break;
            case CouponKind.AmountOff when input.ThresholdMinor <= input.AmountOffMinor:
                yield return new FieldError(nameof(input.ThresholdMinor), MessageCode.CouponThresholdNotAboveAmount, Money.Format(input.AmountOffMinor, culture));
                break;
            case CouponKind.PercentOff when input.PercentOff is < 1 or > 99:
                yield return new FieldError(nameof(input.PercentOff), MessageCode.CouponPercentOutOfRange);
                break;
            case CouponKind.PercentOff when input.CapMinor < 0:
                yield return new FieldError(nameof(input.CapMinor), MessageCode.CouponCapNegative);
                break;
            case CouponKind.FreeProduct when input.FreeProductId is null:
                yield return new FieldError(nameof(input.FreeProductId), MessageCode.CouponProductMissing);
                break;
        }
    }

    private static IEnumerable<FieldError> ValidityErrors(CouponTemplateInput input)
    {
        if (input.ValidFrom is not null || input.ValidTo is not null)
        {
            if (input.ValidFrom is null || input.ValidTo is null)
            {
                yield return new FieldError(input.ValidFrom is null ? nameof(input.ValidFrom) : nameof(input.ValidTo), MessageCode.CouponValidityMissing);
            }
            else if (input.ValidTo < input.ValidFrom)
            {
                yield return new FieldError(nameof(input.ValidTo), MessageCode.CouponValidityEndsBeforeStart);
            }
        }
        else if (input.ValidDays is null)
        {
            yield return new FieldError(nameof(input.ValidDays), MessageCode.CouponValidityMissing);
        }
        else if (input.ValidDays is < 1 or > MaxValidDays)
        {
            yield return new FieldError(nameof(input.ValidDays), MessageCode.CouponValidDaysOutOfRange, MaxValidDays);
        }
    }
}
