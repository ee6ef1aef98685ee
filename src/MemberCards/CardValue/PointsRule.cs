namespace MemberCards.CardValue;

public enum PointsExpiryPolicy
{
    Never,
    MonthsAfterEarning,
    EndOfFollowingYear,
}

/// <summary>
/// The store's one points rule, edited by managers: how many points a yuan paid earns, how many points pay a yuan,
/// the smallest redemption and the cap per purchase, and when earned points expire.
/// </summary>
public sealed class PointsRule
{
    public int Id { get; set; }

    /// <summary>Points per currency unit paid (after discounts); 0 turns earning off.</summary>
    public int EarnPointsPerYuan { get; set; } = 1;

    /// <summary>How many points pay one currency unit; 0 turns redeeming off.</summary>
    public int RedeemPointsPerYuan { get; set; } = 100;

    public long RedeemMinimumPoints { get; set; } = 100;

    /// <summary>The most points may pay of one bill, in minor units (0: no fixed cap).</summary>
    public long RedeemCapMinor { get; set; }

    /// <summary>The most points may pay of one bill, as a percent of the amount due (100: no percent cap).</summary>
    public int RedeemCapPercent { get; set; } = 50;

    public PointsExpiryPolicy Expiry { get; set; } = PointsExpiryPolicy.EndOfFollowingYear;
    public int ExpiryMonths { get; set; } = 12;

    /// <summary>Categories whose lines earn no points (gift cards, tobacco).</summary>
    public List<string> ExcludedCategories { get; set; } = [];

    public int Version { get; set; }

    /// <summary>The last day points earned on <paramref name="earnedOn"/> can be spent (ARCHITECTURE.md, "Expiry").</summary>
    public DateOnly? ExpiresOn(DateOnly earnedOn) => Expiry switch
    {
        PointsExpiryPolicy.Never => null,
        // AddMonths clamps to the month's end (31 Jan + 1 month = 28/29 Feb).
        PointsExpiryPolicy.MonthsAfterEarning => earnedOn.AddMonths(ExpiryMonths),
        _ => new DateOnly(earnedOn.Year + 1, 12, 31),
    };
}
