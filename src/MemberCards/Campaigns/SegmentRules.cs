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
            yield return new FieldError(criteria.From is null ? nameof(criteria.From) : nameof(criteria.To), "Give both the first and the last day, or neither.");
        }
        else if (criteria.From > criteria.To)
        {
            yield return new FieldError(nameof(criteria.To), "The last day comes before the first.");
        }
        if (criteria.PeriodDays is < 1 or > MaxDays)
        {
            yield return new FieldError(nameof(criteria.PeriodDays), $"Between 1 and {MaxDays} days.");
        }
        if (criteria.MinSpendMinor < 0)
        {
            yield return new FieldError(nameof(criteria.MinSpendMinor), "Can't be negative.");
        }
        if (criteria.MinPurchases < 0)
        {
            yield return new FieldError(nameof(criteria.MinPurchases), "Can't be negative.");
        }
        if (criteria.LastPurchaseWithinDays is < 1 or > MaxDays)
        {
            yield return new FieldError(nameof(criteria.LastPurchaseWithinDays), $"Between 1 and {MaxDays} days.");
        }
        if (criteria.LapsedDays is < 1 or > MaxDays)
        {
            yield return new FieldError(nameof(criteria.LapsedDays), $"Between 1 and {MaxDays} days.");
        }
        if (criteria.Top is < 1 or > MaxTop)
        {
            yield return new FieldError(nameof(criteria.Top), $"Between 1 and {MaxTop:N0}.");
        }
    }
}
