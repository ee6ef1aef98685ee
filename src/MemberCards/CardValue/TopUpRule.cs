namespace MemberCards.CardValue;

/// <summary>
/// 充500送80: a top-up of at least <see cref="ThresholdMinor"/> gets a bonus — a fixed amount or a percent of the
/// top-up — and optionally points. Only the highest rule met applies; active dates include both ends (store dates).
/// </summary>
public sealed class TopUpRule
{
    public int Id { get; set; }
    public long ThresholdMinor { get; set; }
    public long BonusMinor { get; set; }

    /// <summary>A percent of the top-up instead of a fixed bonus (0 when the bonus is fixed).</summary>
    public int BonusPercent { get; set; }

    public long BonusPoints { get; set; }

    /// <summary>A coupon given with each top-up that meets the rule (a template's id), or null.</summary>
    public int? GiftCouponTemplateId { get; set; }
    public DateOnly? ActiveFrom { get; set; }
    public DateOnly? ActiveTo { get; set; }
    public bool IsActive { get; set; } = true;
    public int Version { get; set; }

    public bool AppliesOn(DateOnly day) => IsActive && (ActiveFrom is null || ActiveFrom <= day) && (ActiveTo is null || day <= ActiveTo);

    /// <summary>The one rule a top-up of <paramref name="amountMinor"/> gets on <paramref name="day"/>: the highest threshold met (no stacking).</summary>
    public static TopUpRule? Best(IEnumerable<TopUpRule> rules, long amountMinor, DateOnly day) =>
        rules.Where(r => r.ThresholdMinor <= amountMinor && r.AppliesOn(day)).OrderByDescending(r => r.ThresholdMinor).ThenBy(r => r.Id).FirstOrDefault();

    /// <summary>The bonus for a top-up that meets this rule, a percent rounded half-up to the fen.</summary>
    public long BonusFor(long amountMinor) => BonusPercent > 0 ? (amountMinor * BonusPercent * 2 + 100) / 200 : BonusMinor;
}
