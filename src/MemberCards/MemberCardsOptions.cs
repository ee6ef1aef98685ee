using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace MemberCards;

/// <summary>The <c>MemberCards</c> section of appsettings.json, validated at start-up.</summary>
public sealed class MemberCardsOptions : IValidatableObject
{
    public const string Section = "MemberCards";

    /// <summary>The <see cref="Region"/> of a shop in mainland China.</summary>
    public const string China = "CN";

    private string? _timeZone;
    private string? _culture;
    private string? _language;

    /// <summary>
    /// The store's country (ISO 3166 two letters), or empty. "CN" means mobile numbers of 11 digits starting 13–19,
    /// shown 3-4-4, and the defaults below for a Chinese shop; any other value keeps the general rules.
    /// </summary>
    public string Region { get; set; } = "";

    public bool IsChina => Region == China;

    /// <summary>The store's IANA time zone: "today", day, week and month buckets follow it. Asia/Shanghai for CN unless set.</summary>
    [Required]
    public string TimeZone { get => _timeZone ?? (IsChina ? "Asia/Shanghai" : "America/New_York"); set => _timeZone = value; }

    /// <summary>
    /// Culture for money, e.g. "en-US" or "zh-CN" (CNY), zh-CN for CN unless set. Amounts are stored in minor units (1/100).
    /// </summary>
    [Required]
    public string Culture { get => _culture ?? (IsChina ? "zh-CN" : "en-US"); set => _culture = value; }

    /// <summary>
    /// The UI language, "en" or "zh-CN" (zh-CN for CN unless set), for a user who has not chosen one and whose
    /// browser asks for neither. Money keeps the currency of <see cref="Culture"/> whatever the language.
    /// </summary>
    [Required]
    public string Language { get => _language ?? (IsChina ? "zh-CN" : "en"); set => _language = value; }

    /// <summary>How many days back a manager may date a purchase; staff always record "now".</summary>
    [Range(0, 366)]
    public int PurchaseBackdatingDays { get; set; } = 7;

    /// <summary>The highest unit price a purchase line or catalog product may carry, in minor units (default 1,000.00).</summary>
    [Range(1, 100_000_000_000)]
    public long MaxUnitPriceMinor { get; set; } = 100_000;

    public DemoDataOptions DemoData { get; set; } = new();

    public StoredValueOptions StoredValue { get; set; } = new();

    public TierOptions Tiers { get; set; } = new();

    public Backups.BackupOptions Backup { get; set; } = new();

    public ApiOptions Api { get; set; } = new();

    /// <summary>
    /// What start-up does when the database, its journal or the key folder can be read by other users of the machine:
    /// refuse to start (the default) or start and log a warning.
    /// </summary>
    public FilesReadableByOthers FilesReadableByOthers { get; set; } = FilesReadableByOthers.Refuse;

    public Recommendations.RecommendationOptions Recommendations { get; set; } = new();

    public Webhooks.WebhookOptions Webhooks { get; set; } = new();

    public Accounts.SignInSettings SignIn { get; set; } = new();

    /// <summary>The demo data's profile: the one set, else zh-CN for a Chinese shop and en for any other.</summary>
    public string DemoProfile => DemoData.Profile ?? (IsChina ? DemoDataOptions.ChineseProfile : DemoDataOptions.EnglishProfile);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Region.Length > 0 && !IsKnownRegion(Region))
        {
            yield return new ValidationResult($"MemberCards:Region '{Region}' is not a two-letter country code in capitals (e.g. 'CN'), nor empty.", [nameof(Region)]);
        }
        if (DemoProfile is not (DemoDataOptions.EnglishProfile or DemoDataOptions.ChineseProfile))
        {
            yield return new ValidationResult($"MemberCards:DemoData:Profile '{DemoData.Profile}' is not a demo profile: use 'en' or 'zh-CN'.", [nameof(DemoData)]);
        }
        else if (IsChina && DemoData.Enabled && DemoProfile == DemoDataOptions.EnglishProfile)
        {
            yield return new ValidationResult("MemberCards:DemoData:Profile 'en' makes US phone numbers, which MemberCards:Region 'CN' refuses: use the zh-CN profile, or set MemberCards:DemoData:Enabled=false.", [nameof(DemoData)]);
        }
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
        if (SignIn.SessionCheckEvery < TimeSpan.FromSeconds(1) || SignIn.SessionCheckEvery > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult($"MemberCards:SignIn:SessionCheckEvery '{SignIn.SessionCheckEvery}' is not between 00:00:01 and 01:00:00.", [nameof(SignIn)]);
        }
    }

    private static bool IsKnownRegion(string code)
    {
        try
        {
            return code.Length == 2 && code.All(char.IsAsciiLetterUpper) && new RegionInfo(code).TwoLetterISORegionName == code;
        }
        catch (ArgumentException)
        {
            return false;
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

/// <summary>The <c>MemberCards:Tiers</c> section: how far member prices may go and how the nightly review moves members down.</summary>
public sealed class TierOptions
{
    /// <summary>The lowest member price a tier may give, as a rate of list in basis points (5000: half price, 5折).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, Tiers.Tier.ListRate)]
    public int LowestPriceRate { get; set; } = 5_000;

    public Tiers.TierDowngrade Downgrade { get; set; } = Tiers.TierDowngrade.OneStep;
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
    public const string EnglishProfile = "en";
    public const string ChineseProfile = "zh-CN";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// "en" (English names, a café's menu in dollars, US phone numbers) or "zh-CN" (Chinese names, a Chinese café
    /// and noodle shop's menu in yuan, Chinese mobile numbers); unset, the store's region decides.
    /// </summary>
    public string? Profile { get; set; }

    [Range(0, 1_000_000)]
    public int Members { get; set; } = 2_000;

    [Range(0, 10_000_000)]
    public int Purchases { get; set; } = 60_000;

    public int Seed { get; set; } = 20_240_601;
}

/// <summary>The <c>MemberCards:Api</c> section: how fast one API key may call.</summary>
public sealed class ApiOptions
{
    /// <summary>Requests per second one key may make on average; more are answered 429 with Retry-After.</summary>
    [Range(1, 100_000)]
    public int RequestsPerSecond { get; set; } = 20;

    /// <summary>How many requests a key may make at once above that rate (a till catching up after a network cut).</summary>
    [Range(1, 100_000)]
    public int Burst { get; set; } = 40;
}

public enum FilesReadableByOthers
{
    Refuse,
    Warn,
}
