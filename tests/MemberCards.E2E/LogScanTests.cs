using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using static Microsoft.Playwright.Assertions;

namespace MemberCards.E2E;

/// <summary>
/// The app's log in JSON (as configured for a log shipper) holds no member's phone or email: a run of its own, in
/// which staff find members by phone and by email, open one and add one, is scanned line by line for every member's.
/// </summary>
[Collection(nameof(BrowserTests))]
public sealed class LogScanTests(BrowserFixture app)
{
    [Fact]
    public async Task A_run_that_finds_and_adds_members_logs_json_lines_without_any_members_phone_or_email()
    {
        using var data = new TempFolder();
        var database = data.File("logged.db");
        await using var own = AppProcess.Start($"Data Source={database}", new Dictionary<string, string>
        {
            ["MemberCards__DemoData__Members"] = "60",
            ["MemberCards__DemoData__Purchases"] = "300",
            ["Logging__Console__FormatterName"] = "json",
        });
        var address = await own.WaitUntilListeningAsync(AppProcess.StartTimeout);
        var (phone, email) = await AMemberAsync(database);
        var page = await app.NewPageAsync(through: address);
        await BrowserFixture.SignInAsync(page, "staff@demo.test", BrowserFixture.DemoPassword);
        await page.GotoAsync("/members");
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        var rows = page.Locator("table tbody tr");

        await page.GetByLabel("Search members").FillAsync(phone);
        await Expect(rows).ToHaveCountAsync(1);
        await page.GetByLabel("Search members").FillAsync(email);
        await Expect(rows).ToHaveCountAsync(1);
        await rows.First.GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(page.GetByText(email)).ToBeVisibleAsync();
        await page.GotoAsync("/members");
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "New member" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name").FillAsync("Logged Newcomer");
        await dialog.GetByLabel("Phone").FillAsync("(555) 010-4477");
        await dialog.GetByLabel("Email").FillAsync("logged.newcomer@example.com");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Issue card" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Logged Newcomer" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();

        var lines = own.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var texts = lines.Select(Decoded).ToList();
        Assert.Contains(texts, t => t.Contains("Now listening on", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("Signed in: staff@demo.test", StringComparison.Ordinal));
        var log = string.Join("\n", texts);
        var (phones, emails) = await EveryMembersAsync(database);
        Assert.Contains("5550104477", phones);
        Assert.DoesNotContain(phones, p => log.Contains(p, StringComparison.Ordinal));
        Assert.DoesNotContain(emails, e => log.Contains(e, StringComparison.OrdinalIgnoreCase));
    }

    // A JSON line's strings as they read (the encoder writes "+" and non-ASCII as \u escapes), each on its own.
    private static string Decoded(string line)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            var text = new StringBuilder();
            Collect(json.RootElement, text);
            return text.ToString();
        }
        catch (JsonException)
        {
            Assert.Fail($"Not a JSON log line: {line}");
            return "";
        }
    }

    private static void Collect(JsonElement element, StringBuilder text)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, text);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, text);
                }
                break;
            default:
                text.Append(element.ToString()).Append('\n');
                break;
        }
    }

    private static async Task<(string Phone, string Email)> AMemberAsync(string database)
    {
        await using var connection = Open(database);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Phone, Email FROM Members WHERE Phone IS NOT NULL AND Email IS NOT NULL ORDER BY Id LIMIT 1";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetString(0), reader.GetString(1));
    }

    private static async Task<(List<string> Phones, List<string> Emails)> EveryMembersAsync(string database)
    {
        await using var connection = Open(database);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Phone, Email FROM Members";
        await using var reader = await command.ExecuteReaderAsync();
        var (phones, emails) = (new List<string>(), new List<string>());
        while (await reader.ReadAsync())
        {
            if (!reader.IsDBNull(0))
            {
                phones.Add(reader.GetString(0));
            }
            if (!reader.IsDBNull(1))
            {
                emails.Add(reader.GetString(1));
            }
        }
        return (phones, emails);
    }

    private static SqliteConnection Open(string database)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }
}
