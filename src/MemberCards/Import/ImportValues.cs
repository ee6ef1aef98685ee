using System.Globalization;
using System.Text.RegularExpressions;

namespace MemberCards.Import;

/// <summary>How to read a date written day and month first (03/01/2026): refused until the user picks one.</summary>
public enum DayMonthOrder
{
    Unknown,
    DayFirst,
    MonthFirst,
}

/// <summary>
/// Reads one cell as the value of a field, as people and old systems write it, or says why not (a code; the
/// caller adds the row and the column). Money takes ¥/￥, 元, RMB, thousands commas and at most two decimals, to
/// whole fen; dates take year first (2026/3/1, 2026-03-01, 2026.3.1, 2026年3月1日, with an optional time) and day-month-year
/// only when it cannot be misread or the user picked the order.
/// </summary>
public static partial class ImportValues
{
    private const decimal MaxMajor = 100_000_000m;

    public static bool TryMoney(string text, out long minor, out MessageCode error)
    {
        ArgumentNullException.ThrowIfNull(text);
        minor = 0;
        var plain = MoneyNoise().Replace(text, "");
        if (!decimal.TryParse(plain, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var major))
        {
            error = MessageCode.ImportAmountInvalid;
            return false;
        }
        if (major < 0)
        {
            error = MessageCode.ImportAmountNegative;
            return false;
        }
        if (decimal.Round(major, 2) != major || major > MaxMajor)
        {
            error = MessageCode.ImportAmountInvalid;
            return false;
        }
        minor = (long)(major * Money.MinorPerMajor);
        error = default;
        return true;
    }

    public static bool TryCount(string text, out long count, out MessageCode error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var plain = text.Replace(",", "", StringComparison.Ordinal).Trim();
        if (!long.TryParse(plain, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out count))
        {
            error = MessageCode.ImportNumberInvalid;
            return false;
        }
        error = count < 0 ? MessageCode.ImportAmountNegative : default;
        return count >= 0;
    }

    /// <summary>A local date and time (midnight when the cell has no time).</summary>
    public static bool TryDate(string text, DayMonthOrder order, out DateTime local, out MessageCode error)
    {
        ArgumentNullException.ThrowIfNull(text);
        local = default;
        error = MessageCode.ImportDateInvalid;
        var match = YearFirst().Match(text.Trim());
        int year, month, day;
        if (match.Success)
        {
            (year, month, day) = (Int(match, "a"), Int(match, "b"), Int(match, "c"));
        }
        else if ((match = YearLast().Match(text.Trim())).Success)
        {
            var (first, second) = (Int(match, "a"), Int(match, "b"));
            year = Int(match, "c");
            var dayFirst = order switch
            {
                DayMonthOrder.DayFirst => true,
                DayMonthOrder.MonthFirst => false,
                _ when first > 12 && second <= 12 => true,
                _ when second > 12 && first <= 12 => false,
                _ => (bool?)null,
            };
            if (dayFirst is null)
            {
                error = MessageCode.ImportDateAmbiguous;
                return false;
            }
            (day, month) = dayFirst.Value ? (first, second) : (second, first);
        }
        else
        {
            return false;
        }
        var time = match.Groups["t"].Success ? match.Groups["t"].Value : "00:00";
        if (year < 1900 || !DateOnly.TryParseExact($"{year:D4}-{month:D2}-{day:D2}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || !TimeOnly.TryParseExact(time, ["H:mm", "H:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var clock))
        {
            return false;
        }
        local = date.ToDateTime(clock);
        error = default;
        return true;
    }

    private static readonly string[] Yes = ["是", "y", "yes", "true", "1", "同意", "接受", "√"];
    private static readonly string[] No = ["否", "n", "no", "false", "0", "不同意", "拒绝", "×", ""];

    public static bool TryYesNo(string text, out bool value)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = text.Trim().ToLowerInvariant();
        value = Yes.Contains(folded);
        return value || No.Contains(folded);
    }

    private static int Int(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"[\s,¥￥元]|RMB|CNY", RegexOptions.IgnoreCase)]
    private static partial Regex MoneyNoise();

    [GeneratedRegex(@"^(?<a>\d{4})\s*(?:[-/.]|年)\s*(?<b>\d{1,2})\s*(?:[-/.]|月)\s*(?<c>\d{1,2})\s*日?(?:[\sT]+(?<t>\d{1,2}:\d{2}(?::\d{2})?))?$")]
    private static partial Regex YearFirst();

    [GeneratedRegex(@"^(?<a>\d{1,2})[-/.](?<b>\d{1,2})[-/.](?<c>\d{4})(?:\s+(?<t>\d{1,2}:\d{2}(?::\d{2})?))?$")]
    private static partial Regex YearLast();
}
