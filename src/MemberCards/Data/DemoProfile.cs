namespace MemberCards.Data;

/// <summary>
/// What makes the demo shop English or Chinese: its menu, its members' names, phone numbers and emails, and the
/// reasons managers give for voids, and the kinds of visit (<see cref="DemoBasketPattern"/>). The shape of trade (days, hours, habits, spenders)
/// is the same in both.
/// </summary>
internal abstract class DemoProfile
{
    public abstract IReadOnlyList<(string Category, (string Name, long PriceMinor, int Popularity)[] Items)> Catalog { get; }

    public abstract IReadOnlyList<string> VoidReasons { get; }

    /// <summary>The kinds of visit members make, by the menu's names; their shares add up to 1.</summary>
    public abstract IReadOnlyList<DemoBasketPattern> Patterns { get; }

    public abstract string Name(Random random);

    /// <summary>A phone number as a person would type it; the caller draws again while it is taken.</summary>
    public abstract string Phone(Random random);

    public abstract string? Email(Random random, string name, int index);

    public static DemoProfile For(string profile, int seed) => profile switch
    {
        DemoDataOptions.ChineseProfile => new ChineseDemoProfile(),
        _ => new EnglishDemoProfile(seed),
    };
}
