namespace MemberCards.Data;

/// <summary>Makes user text safe inside a LIKE pattern: % and _ match themselves, not "anything".</summary>
public static class LikePattern
{
    public const string EscapeCharacter = "\\";

    public static string Escape(string text) =>
        (text ?? throw new ArgumentNullException(nameof(text)))
            .Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
