using System.Globalization;
using MemberCards.Import;
using MemberCards.Tiers;
using MemberCards.Web.Localization;
using Microsoft.Extensions.Localization;

namespace MemberCards.Web.Components.Import;

/// <summary>
/// What an import needs said in the UI's languages: every name a tier goes by (a file written in Chinese says 黄金
/// for the preset Gold whatever the importing manager reads), and the error report's rows as text for download.
/// </summary>
public sealed class ImportWords(IStringLocalizer<SharedText> shared, IStringLocalizer<ImportText> text, Messages messages)
{
    public ImportOptions Options(DayMonthOrder order) => new(order, TierNames);

    public IEnumerable<string> TierNames(TierName tier)
    {
        var current = CultureInfo.CurrentUICulture;
        try
        {
            return [.. Languages.All.Select(language =>
            {
                CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
                return messages.Tier(tier);
            })];
        }
        finally
        {
            CultureInfo.CurrentUICulture = current;
        }
    }

    public string Field(ImportField field) => shared[$"{nameof(ImportField)}_{field}"];

    /// <summary>The report's header (row, column, value, message) and rows, for <see cref="ImportErrorFile"/>.</summary>
    public ImportErrorText ErrorText() => new(
        [text["ReportRow"], text["ReportColumn"], text["ReportValue"], text["ReportMessage"]], text["ReportSheet"], messages.Say);
}
