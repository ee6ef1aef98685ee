namespace MemberCards.Tiers;

/// <summary>One row of the tier table as a manager edits it; its rank is its place in the table (0: the entry tier).</summary>
/// <param name="Id">0 for a tier being added.</param>
/// <param name="Version">The version the editor loaded (0 for a new tier).</param>
public sealed record TierInput(int Id, int Version, string? Name, TierPreset? Preset, TierMeasure Measure, long ThresholdMinor,
    int PriceRate = Tier.ListRate, int PointsMultiplierPercent = 100, int KeepMonths = 12, IReadOnlyList<string>? ExcludedCategories = null)
{
    public static TierInput From(Tier tier)
    {
        ArgumentNullException.ThrowIfNull(tier);
        return new(tier.Id, tier.Version, tier.Name, tier.Preset, tier.Measure, tier.ThresholdMinor, tier.PriceRate, tier.PointsMultiplierPercent, tier.KeepMonths, tier.ExcludedCategories);
    }

    public Tier ToTier(int rank) => new()
    {
        Id = Id,
        Rank = rank,
        Name = string.IsNullOrWhiteSpace(Name) ? null : Name.Trim(),
        Preset = Preset,
        Measure = Measure,
        ThresholdMinor = rank == 0 ? 0 : ThresholdMinor,
        PriceRate = PriceRate,
        PointsMultiplierPercent = PointsMultiplierPercent,
        KeepMonths = KeepMonths,
        ExcludedCategories = [.. (ExcludedCategories ?? []).Select(c => c.Trim()).Where(c => c.Length > 0).Distinct()],
        Version = Version,
    };
}

/// <summary>What a tier table must be before it is saved (or previewed): each refusal names its row's field.</summary>
public static class TierRules
{
    public const int NameLength = 30;
    public const int MaxMultiplierPercent = 1_000;
    public const int MaxKeepMonths = 60;

    public static string Field(int row, string name) => $"Tiers[{row}].{name}";

    /// <param name="lowestPriceRate">In basis points of list; its refusal says it as a percent (5000: 50%).</param>
    public static IEnumerable<FieldError> Validate(IReadOnlyList<TierInput> table, int lowestPriceRate, System.Globalization.CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.Count == 0)
        {
            yield return FieldError.Of(MessageCode.TierTableEmpty);
            yield break;
        }
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var row = 0; row < table.Count; row++)
        {
            var tier = table[row];
            var name = tier.Name?.Trim();
            if (string.IsNullOrEmpty(name) && tier.Preset is null)
            {
                yield return new FieldError(Field(row, nameof(TierInput.Name)), MessageCode.TierNameRequired);
            }
            else if (name?.Length > NameLength)
            {
                yield return new FieldError(Field(row, nameof(TierInput.Name)), MessageCode.TierNameTooLong, NameLength);
            }
            else if (!string.IsNullOrEmpty(name) && !names.Add(name))
            {
                yield return new FieldError(Field(row, nameof(TierInput.Name)), MessageCode.TierNameTaken, name);
            }
            if (row > 0 && Previous(table, row) is { } previous && tier.ThresholdMinor <= table[previous].ThresholdMinor)
            {
                yield return new FieldError(Field(row, nameof(TierInput.ThresholdMinor)), MessageCode.TierThresholdNotRising, Money.Format(table[previous].ThresholdMinor, culture));
            }
            if (row > 0 && tier.ThresholdMinor <= 0)
            {
                yield return new FieldError(Field(row, nameof(TierInput.ThresholdMinor)), MessageCode.TierThresholdNotPositive);
            }
            if (tier.PriceRate < lowestPriceRate || tier.PriceRate > Tier.ListRate)
            {
                yield return new FieldError(Field(row, nameof(TierInput.PriceRate)), MessageCode.TierPriceRateOutOfRange, lowestPriceRate / 100m);
            }
            if (tier.PointsMultiplierPercent is < 0 or > MaxMultiplierPercent)
            {
                yield return new FieldError(Field(row, nameof(TierInput.PointsMultiplierPercent)), MessageCode.TierMultiplierOutOfRange, MaxMultiplierPercent);
            }
            if (row > 0 && tier.KeepMonths is < 1 or > MaxKeepMonths)
            {
                yield return new FieldError(Field(row, nameof(TierInput.KeepMonths)), MessageCode.TierKeepMonthsOutOfRange, MaxKeepMonths);
            }
        }
    }

    /// <summary>
    /// The row below whose threshold this one must rise above: the nearest lower tier measured the same way (a tier
    /// reached by one top-up of ¥5,000 is not compared with spend thresholds).
    /// </summary>
    private static int? Previous(IReadOnlyList<TierInput> table, int row)
    {
        for (var i = row - 1; i > 0; i--)
        {
            if (table[i].Measure == table[row].Measure)
            {
                return i;
            }
        }
        return null;
    }
}
