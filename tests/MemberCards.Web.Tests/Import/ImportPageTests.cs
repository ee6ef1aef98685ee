using AngleSharp.Dom;
using MemberCards.Web.Components.Import;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberCards.Web.Tests.Import;

/// <summary>A manager of a Chinese shop uploads the test files (tests/MemberCards.Tests/Import/Files) on the import page.</summary>
public sealed class ImportPageTests : DatabaseTestContext
{
    public ImportPageTests()
        : base(services => services.AddTransient<ImportWords>())
    {
    }

    protected override MemberCardsOptions Store => new() { TimeZone = "Asia/Shanghai", Culture = "zh-CN", Region = MemberCardsOptions.China };

    protected override Task SeedAsync()
    {
        Render<MudBlazor.MudPopoverProvider>();
        return Task.CompletedTask;
    }

    private IRenderedComponent<ImportPage> Upload(string file)
    {
        var page = Render<ImportPage>();
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Import", "Files", file));
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(bytes, file));
        page.WaitForAssertion(() => Assert.Contains($"{file}: 3 rows", page.Markup, StringComparison.Ordinal));
        return page;
    }

    private static IElement Button(IRenderedComponent<ImportPage> page, string text) =>
        page.FindAll("button").Single(b => b.TextContent.Trim() == text);

    [Fact]
    public async Task A_gbk_file_with_chinese_headers_is_mapped_dry_run_without_writing_then_imported()
    {
        var page = Upload("members-zh-gbk.csv");
        Assert.Contains("Column 2: 姓名", page.Markup, StringComparison.Ordinal);

        Button(page, "Dry run").Click();
        page.WaitForAssertion(() => Assert.Contains("Dry run: would create 3, update 0, leave 0 unchanged; refused: 0.", page.Markup, StringComparison.Ordinal));
        await using (var before = await Services.GetRequiredService<IDbContextFactory<MemberCards.Data.MemberCardsDb>>().CreateDbContextAsync())
        {
            Assert.Equal(0, await before.Members.CountAsync());
        }

        Button(page, "Import").Click();
        page.WaitForAssertion(() => Assert.Contains("Imported: created 3, updated 0, 0 unchanged", page.Markup, StringComparison.Ordinal));
        await using var db = await Services.GetRequiredService<IDbContextFactory<MemberCards.Data.MemberCardsDb>>().CreateDbContextAsync();
        Assert.Equal(123_450, await db.Members.Where(m => m.Name == "张伟").Select(m => m.PrincipalMinor).SingleAsync());
        Assert.True(Button(page, "Import").HasAttribute("disabled"));
    }

    [Fact]
    public void Refused_rows_are_listed_with_row_column_value_and_message_and_can_be_downloaded()
    {
        var page = Render<ImportPage>();
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Import", "Files", "members-bad.csv"));
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(bytes, "members-bad.csv"));
        page.WaitForAssertion(() => Assert.Contains("members-bad.csv: 14 rows", page.Markup, StringComparison.Ordinal));

        Button(page, "Dry run").Click();

        page.WaitForAssertion(() => Assert.Contains("refused: 12.", page.Markup, StringComparison.Ordinal));
        var rows = page.Find("caption").ParentElement!.QuerySelectorAll("tbody tr").Select(r => r.Children.Select(c => c.TextContent).ToList()).ToList();
        Assert.Contains(rows, r => r.SequenceEqual(["4", "Balance", "-50", "Cannot be negative."]));
        Assert.Contains(rows, r => r[0] == "3" && r[3].StartsWith("This date can be read two ways", StringComparison.Ordinal));
        JSInterop.SetupModule("./Components/Campaigns/ExportButtons.razor.js").SetupVoid("download", _ => true);
        Button(page, "Download CSV").Click();
        page.WaitForAssertion(() => Assert.Single(JSInterop.Invocations, i => i.Identifier == "download"));
        Assert.Equal("members-bad-errors.csv", JSInterop.Invocations.Single(i => i.Identifier == "download").Arguments[0]);
    }

    [Fact]
    public void A_column_set_to_not_in_the_file_is_asked_for_at_the_dry_run_and_nothing_can_be_imported()
    {
        var page = Upload("members-en-utf8.csv");
        var name = page.FindComponents<MudBlazor.MudSelect<int?>>().Single(s => s.Instance.Label == "Name (required)");

        page.InvokeAsync(() => name.Instance.ValueChanged.InvokeAsync(null));
        Button(page, "Dry run").Click();

        page.WaitForAssertion(() => Assert.Contains("Choose the column that holds Name.", page.Markup, StringComparison.Ordinal));
        Assert.True(Button(page, "Import").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_corrected_mapping_saved_maps_the_next_upload_of_such_a_file_the_same_way()
    {
        var page = Upload("members-en-utf8.csv");
        await page.InvokeAsync(() => Select(page, "Notes").Instance.ValueChanged.InvokeAsync(null));
        await page.InvokeAsync(() => Select(page, "Bonus balance").Instance.ValueChanged.InvokeAsync(11));

        await page.InvokeAsync(() => Button(page, "Save mapping").Click());

        page.WaitForAssertion(() => Assert.Equal("Mapping saved: the next Members and balances file with these column names is mapped the same way.",
            page.Find("[role=status]").TextContent.Trim()));
        var next = Upload("members-en-utf8.csv");
        next.WaitForAssertion(() => Assert.Contains("Columns mapped with the names saved on", next.Markup, StringComparison.Ordinal));
        var mapping = next.FindComponent<ImportMappingPanel>().Instance.Mapping;
        Assert.Equal(11, mapping.ColumnOf(MemberCards.Import.ImportField.BonusBalance));
        Assert.Null(mapping.ColumnOf(MemberCards.Import.ImportField.Notes));
    }

    private static IRenderedComponent<MudBlazor.MudSelect<int?>> Select(IRenderedComponent<ImportPage> page, string label) =>
        page.FindComponents<MudBlazor.MudSelect<int?>>().Single(s => s.Instance.Label == label);
}
