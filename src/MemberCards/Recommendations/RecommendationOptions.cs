using System.ComponentModel.DataAnnotations;

namespace MemberCards.Recommendations;

/// <summary>The <c>MemberCards:Recommendations</c> section: what the statistics are built from and what counts as recent.</summary>
public sealed class RecommendationOptions
{
    /// <summary>The statistics count the purchases of this many months before the build.</summary>
    [Range(1, 60)]
    public int Months { get; set; } = 12;

    /// <summary>A pair suggests an add-on only when at least this share of all baskets holds both (0.002: 2 in 1,000).</summary>
    [Range(0.0, 1.0)]
    public double MinimumSupport { get; set; } = 0.002;

    /// <summary>"For this member" leaves out what the member bought in this many days.</summary>
    [Range(0, 366)]
    public int RecentDays { get; set; } = 30;
}
