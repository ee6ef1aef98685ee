namespace MemberCards.Coupons;

/// <summary>
/// A coupon's code: 11 digits that scramble the coupon's id and a Luhn check digit, so a mistyped digit or two
/// swapped neighbours are caught at the till before any lookup. The scramble is a bijection on 11 digits (×A + B
/// modulo 10¹¹ with A prime to 10), so codes are unique by construction and neighbouring coupons look unrelated;
/// a guessed code is still refused unless it is the member's own. Printed in groups of four ("4821 0937 6615") and read back with or
/// without the spaces; a scanner types the digits alone.
/// </summary>
public static class CouponCode
{
    public const int Length = 12;

    private const long Modulus = 100_000_000_000;
    private const long Multiplier = 48_271_098_437;
    private const long Offset = 31_415_926_535;

    /// <summary>The code of coupon <paramref name="id"/>.</summary>
    public static string For(long id)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(id, Modulus);
        var payload = (long)(((Int128)id * Multiplier + Offset) % Modulus);
        var digits = payload.ToString("D11", System.Globalization.CultureInfo.InvariantCulture);
        return digits + CheckDigit(digits);
    }

    /// <summary>The digits of what was typed or scanned (spaces and dashes dropped), or null when it isn't 12 digits.</summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null)
        {
            return null;
        }
        var digits = new string([.. typed.Where(c => c is not (' ' or '-'))]);
        return digits.Length == Length && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    public static bool HasValidCheckDigit(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        return digits.Length == Length && digits[^1] == CheckDigit(digits.AsSpan(0, Length - 1));
    }

    public static string Format(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Length == Length ? $"{code[..4]} {code[4..8]} {code[8..]}" : code;
    }

    private static char CheckDigit(ReadOnlySpan<char> payload)
    {
        var sum = 0;
        for (var i = 0; i < payload.Length; i++)
        {
            var d = payload[payload.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }
            sum += d;
        }
        return (char)('0' + ((10 - (sum % 10)) % 10));
    }
}
