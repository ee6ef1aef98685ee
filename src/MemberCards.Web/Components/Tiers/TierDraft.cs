using System.Globalization;
using MemberCards.Tiers;
using MemberCards.Web.Components.CardRules;

namespace MemberCards.Web.Components.Tiers;

/// <summary>
/// One row of the tier table as a manager types it: the threshold in yuan, the member price in the reader's habit
/// (<see cref="MemberPriceInput"/>), the points multiplier as ×1.5. Its place in the table is its rank.
/// </summary>
public sealed class TierDraft
{
    public int Id { get; private init; }

    public int Version { get; private init; }

    public TierPreset? Preset { get; private init; }

    /// <summary>The manager's name; null keeps a preset tier's name in each reader's language.</summary>
    public string? Name { get; set; }

    public TierMeasure Measure { get; set; }

    public decimal Threshold { get; set; }

    public decimal MemberPrice { get; set; }

    public decimal Multiplier { get; set; } = 1;

    public int KeepMonths { get; set; } = 12;

    public IReadOnlyCollection<string> ExcludedCategories { get; set; } = [];

    public TierName Label(int row) => new(Id, row, Name, Preset);

    public static TierDraft From(Tier tier, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(tier);
        return new()
        {
            Id = tier.Id,
            Version = tier.Version,
            Preset = tier.Preset,
            Name = tier.Name,
            Measure = tier.Measure,
            Threshold = Money.ToMajor(tier.ThresholdMinor),
            MemberPrice = MemberPriceInput.Typed(tier.PriceRate, culture),
            Multiplier = tier.PointsMultiplierPercent / 100m,
            KeepMonths = tier.KeepMonths,
            ExcludedCategories = [.. tier.ExcludedCategories],
        };
    }

    /// <summary>A tier to add above <paramref name="top"/>: measured the same way, at list price until the manager sets one.</summary>
    public static TierDraft New(TierDraft? top, CultureInfo culture) => new()
    {
        Measure = top?.Measure ?? TierMeasure.RollingYearSpend,
        MemberPrice = MemberPriceInput.Typed(Tier.ListRate, culture),
        KeepMonths = top?.KeepMonths ?? 12,
    };

    /// <summary>The row as the tier service reads it; what can't be read from the fields is added to <paramref name="errors"/> at its field.</summary>
    public TierInput ToInput(int row, int lowestPriceRate, CultureInfo culture, ICollection<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        string Field(string name) => TierRules.Field(row, name);
        if (row > 0 && AmountInput.Error(Threshold) is { } amount)
        {
            errors.Add(amount with { Field = Field(nameof(TierInput.ThresholdMinor)) });
        }
        var price = MemberPriceInput.Parse(MemberPrice, lowestPriceRate, culture);
        if (price.Error is { } priceError)
        {
            errors.Add(priceError with { Field = Field(nameof(TierInput.PriceRate)) });
        }
        var percent = Multiplier * 100;
        if (percent % 1 != 0)
        {
            errors.Add(new FieldError(Field(nameof(TierInput.PointsMultiplierPercent)), MessageCode.DecimalsAtMost, 2));
        }
        // Far outside the rules' range either way: clamped so it converts, then refused by the rules.
        var threshold = row == 0 ? 0 : AmountInput.ToMinor(Math.Clamp(Threshold, -1, long.MaxValue / Money.MinorPerMajor));
        return new TierInput(Id, Version, Name, Preset, Measure, threshold, price.Rate,
            (int)Math.Clamp(Math.Round(percent), -1, TierRules.MaxMultiplierPercent + 1), KeepMonths, [.. ExcludedCategories]);
    }
}
