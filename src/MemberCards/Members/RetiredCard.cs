namespace MemberCards.Members;

/// <summary>A card number a member no longer uses (reported lost, replaced); kept so an old card still finds its member.</summary>
public sealed class RetiredCard
{
    /// <summary>Room for an old system's card number an import keeps (without spaces or dashes), not only our 12 digits.</summary>
    public const int NumberLength = 32;

    public int Id { get; set; }
    public int MemberId { get; set; }
    public required string CardNumber { get; set; }
    public DateTime IssuedAt { get; set; }
    public DateTime RetiredAt { get; set; }
    public required CardRetirement Reason { get; set; }
}

/// <summary>Why a card number was retired; the UI says it in the user's language.</summary>
public enum CardRetirement
{
    Lost,

    /// <summary>The card of a member merged into this one.</summary>
    Merged,

    /// <summary>The number an imported member's card had in the old system, not a valid number here: a new one was issued.</summary>
    Imported,
}
