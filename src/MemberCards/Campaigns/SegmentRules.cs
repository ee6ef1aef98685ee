namespace MemberCards.Campaigns;

/// <summary>What makes criteria usable; each problem names the field it belongs to.</summary>
public static class SegmentRules
{
    public const int MaxDays = 3660;
    public const int MaxTop = 100_000;

    public static IEnumerable<FieldError> Validate(SegmentCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        if (criteria.From is null != criteria.To is null)
        {
            yield return new FieldError(criteria.From is null ? nameof(criteria.From) : nameof(criteria.To), MessageCode.PeriodBothOrNeither);
        }
        else if (criteria.From > criteria.To)
        {
            yield return new FieldError(nameof(criteria.To), MessageCode.PeriodEndBeforeStart);
        }
        if (criteria.PeriodDays is < 1 or > MaxDays)
        {
            yield return new FieldError(nameof(criteria.PeriodDays), MessageCode.DaysOutOfRange, MaxDays);
        }
        if (criteria.MinSpendMinor < 0)
        {
            yield return new FieldError(nameof(criteria.MinSpendMinor), MessageCode.NotNegative);
        }
        if (criteria.MinPurchases < 0)
        {
            yield return new FieldError(nameof(criteria.MinPurchases), MessageCode.NotNegative);
        }
        if (criteria.LastPurchaseWithinDays is < 1 or > MaxDays)
        {
            yield return new FieldError(nameof(criteria.LastPurchaseWithinDays), MessageCode.DaysOutOfRange, MaxDays);
        }
        if (criteria.LapsedDays is < 1 or > MaxDays)
        {
            yield return new FieldError(nameof(criteria.LapsedDays), MessageCode.DaysOutOfRange, MaxDays);
        }
        if (criteria.Top is < 1 or > MaxTop)
        {
            yield return new FieldError(nameof(criteria.Top), MessageCode.TopOutOfRange, MaxTop);
        }
    }
}
