namespace MemberCards.Merging;

/// <summary>Why two members look like one customer, strongest first.</summary>
public enum DuplicateReason
{
    SamePhone,
    SameEmail,
    SameNameSimilarPhone,
}

/// <summary>
/// When two stored phone numbers (<see cref="Members.PhoneNumber.Normalize"/>) are one number, or close enough that
/// with the same name they are likely one customer's. A country code is the usual difference ("+86 138…" typed once,
/// "138…" the next time); a typo the usual near miss.
/// </summary>
public static class DuplicateRules
{
    /// <summary>The fewest digits a number keeps once a country code is taken off its front.</summary>
    public const int MinNationalDigits = 8;

    public const int MaxCountryCodeDigits = 3;

    /// <summary>The digits of a stored number, without the "+" of its international form.</summary>
    public static string Digits(string phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        return phone.TrimStart('+');
    }

    /// <summary>
    /// The forms a number may have been stored in by someone typing it without its country code: itself, then with 1 to
    /// 3 leading digits dropped while at least <see cref="MinNationalDigits"/> remain.
    /// </summary>
    public static IEnumerable<string> NationalForms(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        yield return digits;
        for (var drop = 1; drop <= MaxCountryCodeDigits && digits.Length - drop >= MinNationalDigits; drop++)
        {
            yield return digits[drop..];
        }
    }

    /// <summary>Same number: equal digits, or one is the other behind a country code.</summary>
    public static bool SameNumber(string a, string b)
    {
        var (x, y) = (Digits(a), Digits(b));
        var (longer, shorter) = x.Length >= y.Length ? (x, y) : (y, x);
        return NationalForms(longer).Contains(shorter);
    }

    /// <summary>Similar: the same number, the same last 8 digits, or equally long and one digit apart.</summary>
    public static bool Similar(string a, string b)
    {
        var (x, y) = (Digits(a), Digits(b));
        if (SameNumber(x, y))
        {
            return true;
        }
        if (x.Length >= MinNationalDigits && y.Length >= MinNationalDigits && x[^MinNationalDigits..] == y[^MinNationalDigits..])
        {
            return true;
        }
        return x.Length == y.Length && x.Zip(y).Count(p => p.First != p.Second) == 1;
    }
}
