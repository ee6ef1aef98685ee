using System.Globalization;
using MemberCards.Accounts;
using MemberCards.Import;
using MemberCards.Web.Components.Import;
using MemberCards.Web.Localization;

namespace MemberCards.Web;

public static class ImportCommand
{
    public const string Name = "import";

    /// <summary>
    /// <c>import members FILE [--dry-run] [--day-first|--month-first]</c> and <c>import purchases FILE …</c>: the
    /// page's dry run and commit for files too big to upload, with the columns detected from the headers. Prints the
    /// summary and every refused row (row, column, value, message in the store's language); exits 0 when every row
    /// passed (and, without --dry-run, was written), 1 when any row or the file is refused — then nothing is written.
    /// </summary>
    public static async Task<int> ImportAsync(this WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(args);
        var rest = args.SkipWhile(a => a != Name).Skip(1).ToList();
        var kind = rest.FirstOrDefault() switch { "members" => ImportKind.Members, "purchases" => ImportKind.Purchases, _ => (ImportKind?)null };
        var path = rest.Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        if (kind is null || path is null || !File.Exists(path))
        {
            await Console.Error.WriteLineAsync($"usage: dotnet MemberCards.Web.dll {Name} members|purchases FILE [--dry-run] [--day-first|--month-first]   (CSV or XLSX)");
            return 2;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(
            Languages.Match(services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MemberCardsOptions>>().Value.Language) ?? Languages.English);
        var messages = services.GetRequiredService<Messages>();
        var stopping = app.Lifetime.ApplicationStopping;
        var read = ImportFile.Read(await File.ReadAllBytesAsync(path, stopping));
        if (!read.Succeeded)
        {
            await Console.Error.WriteLineAsync(string.Join(" ", read.Errors.Select(messages.Say)));
            return 1;
        }
        var table = read.Value!;
        var saved = await services.GetRequiredService<ImportColumnNamesService>().LoadAsync(kind.Value, Access.System, stopping);
        var mapping = ImportFields.Detect(kind.Value, table.Headers, saved);
        var order = rest.Contains("--day-first") ? DayMonthOrder.DayFirst : rest.Contains("--month-first") ? DayMonthOrder.MonthFirst : DayMonthOrder.Unknown;
        var choices = services.GetRequiredService<ImportWords>().Options(order);
        var imports = services.GetRequiredService<ImportService>();
        var dryRun = await imports.DryRunAsync(table, mapping, choices, Access.System, stopping);
        if (!await PrintAsync(dryRun, messages))
        {
            return 1;
        }
        if (rest.Contains("--dry-run"))
        {
            return 0;
        }
        var committed = await imports.CommitAsync(table, mapping, choices, Path.GetFileName(path), Access.System, null, stopping);
        return await PrintAsync(committed, messages) ? 0 : 1;
    }

    private static async Task<bool> PrintAsync(Result<ImportReport> result, Messages messages)
    {
        if (!result.Succeeded)
        {
            await Console.Error.WriteLineAsync(string.Join(" ", result.Errors.Select(messages.Say)));
            return false;
        }
        var report = result.Value!;
        foreach (var error in report.Errors)
        {
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{error.Row}\t{error.Column}\t{error.Value}\t{messages.Say(error.Error)}"));
        }
        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"created {report.Created}, updated {report.Updated}, unchanged {report.Unchanged}, refused {report.Refused}"));
        if (report.Refused > 0)
        {
            await Console.Error.WriteLineAsync(messages.Say(FieldError.Of(MessageCode.ImportRefusedRows, report.Refused)));
        }
        return report.Refused == 0;
    }
}
