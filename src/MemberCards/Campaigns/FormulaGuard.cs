namespace MemberCards.Campaigns;

/// <summary>
/// Spreadsheet programs run a cell that begins with =, +, -, @, tab or carriage return as a formula (OWASP "CSV
/// injection"); an apostrophe in front makes it plain text. Applied to every text cell of both export formats.
/// </summary>
public static class FormulaGuard
{
    private static readonly char[] Dangerous = ['=', '+', '-', '@', '\t', '\r'];

    public static string Neutralize(string? text) =>
        string.IsNullOrEmpty(text) ? "" : Dangerous.Contains(text[0]) ? "'" + text : text;
}
