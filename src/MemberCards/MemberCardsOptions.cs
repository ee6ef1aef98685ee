using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace MemberCards;

/// <summary>The <c>MemberCards</c> section of appsettings.json, validated at start-up.</summary>
public sealed class MemberCardsOptions : IValidatableObject
{
    public const string Section = "MemberCards";

    /// <summary>The store's IANA time zone: "today", day, week and month buckets follow it.</summary>
    [Required]
    public string TimeZone { get; set; } = "America/New_York";

    /// <summary>Culture for money and dates, e.g. "en-US" or "zh-CN". Amounts are stored in minor units (1/100).</summary>
    [Required]
    public string Culture { get; set; } = "en-US";

    /// <summary>
    /// The UI language, "en" or "zh-CN", for a user who has not chosen one and whose browser asks for neither.
    /// Money keeps the currency of <see cref="Culture"/> whatever the language.
    /// </summary>
    [Required]
    public string Language { get; set; } = "en";

    /// <summary>How many days back a manager may date a purchase; staff always record "now".</summary>
    [Range(0, 366)]
    public int PurchaseBackdatingDays { get; set; } = 7;

    /// <summary>The highest unit price a purchase line or catalog product may carry, in minor units (default 1,000.00).</summary>
    [Range(1, 100_000_000_000)]
    public long MaxUnitPriceMinor { get; set; } = 100_000;

    public DemoDataOptions DemoData { get; set; } = new();

    public StoredValueOptions StoredValue { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult($"MemberCards:TimeZone '{TimeZone}' is not a known time zone id (e.g. 'Europe/Berlin').", [nameof(TimeZone)]);
        }
        if (Language is not ("en" or "zh-CN"))
        {
            yield return new ValidationResult($"MemberCards:Language '{Language}' is not a language the UI speaks: use 'en' or 'zh-CN'.", [nameof(Language)]);
        }
        if (!IsKnownCulture(Culture))
        {
            yield return new ValidationResult($"MemberCards:Culture '{Culture}' is not a known culture name (e.g. 'en-US').", [nameof(Culture)]);
        }
    }

    private static bool IsKnownCulture(string name)
    {
        try
        {
            return !string.IsNullOrEmpty(CultureInfo.GetCultureInfo(name, predefinedOnly: true).Name);
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }
}

/// <summary>The <c>MemberCards:StoredValue</c> section: the card's limits and how a payment from it is split.</summary>
public sealed class StoredValueOptions
{
    /// <summary>
    /// The most a card may hold, principal and bonus together, in minor units: default ¥5,000, MOFCOM's limit for a
    /// named single-purpose prepaid card (单用途商业预付卡).
    /// </summary>
    [Range(1, 100_000_000_000)]
    public long CapMinor { get; set; } = 500_000;

    public CardValue.SpendOrder SpendOrder { get; set; } = CardValue.SpendOrder.Proportional;

    /// <summary>How much stored value (minor units, up or down) one manager may adjust by hand in a store day.</summary>
    [Range(0, 100_000_000_000)]
    public long AdjustmentDailyLimitMinor { get; set; } = 100_000;

    /// <summary>How many points one manager may adjust by hand in a store day.</summary>
    [Range(0, 1_000_000_000)]
    public long AdjustmentDailyLimitPoints { get; set; } = 10_000;
}

/// <summary>Demo data generated into an empty database, in Development only.</summary>
public sealed class DemoDataOptions
{
    public bool Enabled { get; set; } = true;

    [Range(0, 1_000_000)]
    public int Members { get; set; } = 2_000;

    [Range(0, 10_000_000)]
    public int Purchases { get; set; } = 60_000;

    public int Seed { get; set; } = 20_240_601;
}
