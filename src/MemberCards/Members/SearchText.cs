using System.Globalization;
using System.Text;

namespace MemberCards.Members;

/// <summary>
/// The folded form names are searched in: lower case, accents removed ("José" → "jose"). SQLite's LIKE folds
/// ASCII letters only, so the folded name is stored beside the name and searched instead.
/// </summary>
public static class SearchText
{
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.Trim().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(char.ToLowerInvariant(c));
            }
        }
        return folded.ToString().Normalize(NormalizationForm.FormC)
            .Replace('ß', 's').Replace('ø', 'o').Replace('ł', 'l').Replace('đ', 'd');
    }
}
