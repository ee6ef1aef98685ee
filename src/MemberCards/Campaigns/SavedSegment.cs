namespace MemberCards.Campaigns;

/// <summary>Segment criteria saved under a name and evaluated again on each open.</summary>
public sealed class SavedSegment
{
    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The criteria as JSON, in the form <see cref="CriteriaVersion"/> names, so older saves can be read after upgrades.</summary>
    public required string CriteriaJson { get; set; }

    public int CriteriaVersion { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Bumped on every change; a save carrying an older value is refused instead of overwriting.</summary>
    public int Version { get; set; }
}
