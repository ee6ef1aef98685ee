namespace MemberCards.Recommendations;

/// <summary>
/// One build of the recommendation statistics. Readers use the newest finished one; a build still running (or one
/// that failed half way, FinishedAt null) is never read, so a rebuild never shows half its rows.
/// </summary>
public sealed class RecommendationBuild
{
    public int Id { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }

    /// <summary>The purchases counted: from this instant (inclusive) to <see cref="ToUtc"/> (exclusive).</summary>
    public DateTime FromUtc { get; set; }
    public DateTime ToUtc { get; set; }

    public int Baskets { get; set; }
    public required string RequestedBy { get; set; }
}

/// <summary>What one product says about another in a build: A then B, so confidence reads "of the baskets with A, how many hold B".</summary>
public sealed class ProductAffinity
{
    public int BuildId { get; set; }
    public int ProductId { get; set; }
    public int OtherProductId { get; set; }

    /// <summary>Baskets holding both.</summary>
    public int PairBaskets { get; set; }

    /// <summary>Baskets holding both ÷ all baskets.</summary>
    public double Support { get; set; }

    /// <summary>Baskets holding both ÷ baskets holding A.</summary>
    public double Confidence { get; set; }

    /// <summary>Confidence ÷ the share of baskets holding B: above 1, B goes with A more than with any basket.</summary>
    public double Lift { get; set; }

    /// <summary>Cosine of A and B over members: members who bought both ÷ √(members who bought A × members who bought B).</summary>
    public double Similarity { get; set; }
}
