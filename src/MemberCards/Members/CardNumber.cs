namespace MemberCards.Members;

/// <summary>
/// A 12-digit member card number whose last digit is a Damm check digit. Damm catches every single-digit
/// typo and every swap of two neighbouring digits (Luhn misses 09 ↔ 90), so a mistyped card is refused.
/// </summary>
public static class CardNumber
{
    public const int Length = 12;

    private static readonly byte[,] DammTable =
    {
        { 0, 3, 1, 7, 5, 9, 8, 6, 4, 2 },
        { 7, 0, 9, 2, 1, 5, 4, 8, 6, 3 },
        { 4, 2, 0, 6, 8, 7, 1, 3, 5, 9 },
        { 1, 7, 5, 0, 9, 8, 3, 4, 2, 6 },
        { 6, 1, 2, 3, 0, 4, 5, 9, 7, 8 },
        { 3, 6, 7, 4, 2, 0, 9, 5, 8, 1 },
        { 5, 8, 6, 9, 7, 2, 0, 1, 3, 4 },
        { 8, 9, 4, 5, 3, 6, 2, 0, 1, 7 },
        { 9, 4, 3, 8, 6, 1, 7, 2, 0, 5 },
        { 2, 5, 8, 1, 4, 3, 6, 7, 9, 0 },
    };

    /// <summary>Issues a new card number: a non-zero first digit, ten random digits and the check digit.</summary>
    public static string Generate(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        Span<char> digits = stackalloc char[Length];
        digits[0] = (char)('1' + random.Next(9));
        for (var i = 1; i < Length - 1; i++)
        {
            digits[i] = (char)('0' + random.Next(10));
        }
        digits[Length - 1] = CheckDigit(digits[..^1]);
        return new string(digits);
    }

    /// <summary>Strips the spaces and dashes people and scanners type, leaving the digits.</summary>
    public static string Normalize(string? input) =>
        input is null ? "" : string.Concat(input.Where(c => c is not (' ' or '-')));

    public static bool IsValid(string? input)
    {
        var digits = Normalize(input);
        return digits.Length == Length
            && digits.All(char.IsAsciiDigit)
            && CheckDigit(digits.AsSpan(0, Length - 1)) == digits[^1];
    }

    /// <summary>Groups the digits in fours for reading aloud: "4821 0937 5562".</summary>
    public static string Format(string cardNumber) =>
        cardNumber.Length == Length ? $"{cardNumber[..4]} {cardNumber[4..8]} {cardNumber[8..]}" : cardNumber;

    private static char CheckDigit(ReadOnlySpan<char> digits)
    {
        var interim = 0;
        foreach (var c in digits)
        {
            interim = DammTable[interim, c - '0'];
        }
        return (char)('0' + interim);
    }
}
