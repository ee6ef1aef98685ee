namespace MemberCards.Data;

/// <summary>
/// A kind of visit in the demo shop (a breakfast set, a lunch combo, afternoon tea): one item from each slot, the last
/// slot only now and then, between two local hours. No slots: a single item from the whole menu, at any hour.
/// Slots line up: the n-th item of one slot goes best with the n-th of the next (a latte with an egg tart), so pairs
/// are specific, not only categories.
/// </summary>
internal sealed record DemoBasketPattern(int FirstHour, int LastHour, IReadOnlyList<string[]> Slots, double LastSlotChance, double Share)
{
    public static DemoBasketPattern Single(double share) => new(7, 21, [], 0, share);
}
