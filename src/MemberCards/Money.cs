using System.Globalization;

namespace MemberCards;

/// <summary>Amounts are stored as exact integer minor units (cents, fen); this turns them into what people read.</summary>
public static class Money
{
    public const int MinorPerMajor = 100;

    public static decimal ToMajor(long minor) => minor / (decimal)MinorPerMajor;

    public static string Format(long minor, CultureInfo culture) => ToMajor(minor).ToString("C", culture);
}
