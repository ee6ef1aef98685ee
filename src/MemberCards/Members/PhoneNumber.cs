namespace MemberCards.Members;

/// <summary>
/// One stored form for phone numbers, whatever the user typed: digits only, with a leading "+" kept when the
/// number was given in international form. "(555) 123-4567" and "555.123.4567" both become "5551234567".
/// </summary>
public static class PhoneNumber
{
    public const int MinDigits = 6;
    public const int MaxDigits = 15;

    public static string Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return "";
        }
        var trimmed = input.Trim();
        var digits = string.Concat(trimmed.Where(char.IsAsciiDigit));
        return trimmed.StartsWith('+') ? "+" + digits : digits;
    }

    /// <summary>True when the input holds only phone characters and, normalized, 6 to 15 digits (E.164's limit).</summary>
    public static bool IsValid(string? input)
    {
        if (string.IsNullOrWhiteSpace(input) || input.Any(c => !(char.IsAsciiDigit(c) || c is ' ' or '-' or '.' or '(' or ')' or '+')))
        {
            return false;
        }
        var digitCount = Normalize(input).TrimStart('+').Length;
        return digitCount is >= MinDigits and <= MaxDigits;
    }
}
