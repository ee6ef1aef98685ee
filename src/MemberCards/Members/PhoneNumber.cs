namespace MemberCards.Members;

/// <summary>
/// One stored form for phone numbers, whatever the user typed: digits only, with a leading "+" kept when the
/// number was given in international form. "(555) 123-4567" and "555.123.4567" both become "5551234567".
/// In a Chinese shop (region CN) a number is a mainland mobile: 11 digits starting 13–19, shown 3-4-4
/// ("138 1234 5678", as printed on Chinese cards and receipts) and stored as the plain digits.
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

    /// <summary>The rule of the store's region: a mainland mobile in CN (<see cref="IsChineseMobile"/>), else <see cref="IsValid(string?)"/>.</summary>
    public static bool IsValid(string? input, string region) =>
        region == MemberCardsOptions.China ? IsChineseMobile(input) : IsValid(input);

    /// <summary>True for 11 digits starting 13 to 19, with spaces or dashes between them as people write them.</summary>
    public static bool IsChineseMobile(string? input)
    {
        if (string.IsNullOrWhiteSpace(input) || input.Any(c => !(char.IsAsciiDigit(c) || c is ' ' or '-')))
        {
            return false;
        }
        var digits = Normalize(input);
        return digits.Length == 11 && digits[0] == '1' && digits[1] is >= '3' and <= '9';
    }

    /// <summary>A stored number as the store's region writes it: 3-4-4 for a Chinese mobile in CN, else as stored.</summary>
    public static string Format(string stored, string region)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return region == MemberCardsOptions.China && IsChineseMobile(stored)
            ? $"{stored[..3]} {stored[3..7]} {stored[7..]}"
            : stored;
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
