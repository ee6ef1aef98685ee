using MemberCards.Campaigns;
using MemberCards.Members;

namespace MemberCards.Web.Components.Campaigns;

/// <summary>What the filter fields hold (money in major units, dates as the picker gives them), turned into criteria.</summary>
public sealed class SegmentForm
{
    public bool FixedDates { get; set; }
    public int? PeriodDays { get; set; } = 90;
    public DateTime? From { get; set; }
    public DateTime? To { get; set; }
    public decimal? MinSpend { get; set; }
    public int? MinPurchases { get; set; }
    public int? LastPurchaseWithinDays { get; set; }
    public int? LapsedDays { get; set; }
    public IReadOnlyCollection<int> TierIds { get; set; } = [];
    public IReadOnlyCollection<MemberStatus> Statuses { get; set; } = [];
    public int? ProductId { get; set; }
    public string? Category { get; set; }
    public bool OptedInOnly { get; set; }
    public RfmSegment? Rfm { get; set; }
    public int? Top { get; set; } = 50;

    public SegmentCriteria ToCriteria() => new()
    {
        PeriodDays = FixedDates ? 90 : PeriodDays ?? 0,
        From = FixedDates ? ToDate(From) : null,
        To = FixedDates ? ToDate(To) : null,
        MinSpendMinor = MinSpend is { } spend ? (long)Math.Round(spend * Money.MinorPerMajor) : null,
        MinPurchases = MinPurchases,
        LastPurchaseWithinDays = LastPurchaseWithinDays,
        LapsedDays = LapsedDays,
        TierIds = [.. TierIds.Order()],
        Statuses = [.. Statuses.Order()],
        ProductId = ProductId,
        Category = string.IsNullOrWhiteSpace(Category) ? null : Category,
        OptedInOnly = OptedInOnly,
        Rfm = Rfm,
        Top = Top,
    };

    public static SegmentForm FromCriteria(SegmentCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        return new()
        {
            FixedDates = criteria.From is not null,
            PeriodDays = criteria.PeriodDays,
            From = criteria.From?.ToDateTime(TimeOnly.MinValue),
            To = criteria.To?.ToDateTime(TimeOnly.MinValue),
            MinSpend = criteria.MinSpendMinor is { } minor ? Money.ToMajor(minor) : null,
            MinPurchases = criteria.MinPurchases,
            LastPurchaseWithinDays = criteria.LastPurchaseWithinDays,
            LapsedDays = criteria.LapsedDays,
            TierIds = criteria.TierIds,
            Statuses = criteria.Statuses,
            ProductId = criteria.ProductId,
            Category = criteria.Category,
            OptedInOnly = criteria.OptedInOnly,
            Rfm = criteria.Rfm,
            Top = criteria.Top,
        };
    }

    private static DateOnly? ToDate(DateTime? value) => value is { } date ? DateOnly.FromDateTime(date) : null;
}
