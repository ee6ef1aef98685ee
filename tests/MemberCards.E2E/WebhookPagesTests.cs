using static Microsoft.Playwright.Assertions;

namespace MemberCards.E2E;

/// <summary>
/// A manager subscribes on the webhooks page and reads the delivery log, in English and Chinese, at 1280 and 390 px,
/// with nothing cut off. The receiver is a closed loopback port (allowed in Development), so the log shows retries.
/// </summary>
[Collection(nameof(BrowserTests))]
public sealed class WebhookPagesTests(BrowserFixture app)
{
    private const string Manager = "manager@demo.test";

    [Theory]
    [InlineData("en", 1280, "Receiver URL", "Add subscription")]
    [InlineData("en", 390, "Receiver URL", "Add subscription")]
    [InlineData("zh-CN", 1280, "接收地址", "添加订阅")]
    [InlineData("zh-CN", 390, "接收地址", "添加订阅")]
    public async Task The_webhook_pages_work_and_fit_in_both_languages(string language, int width, string urlLabel, string create)
    {
        var page = await app.NewSignedInPageAsync(Manager, width, 900);
        try
        {
            await page.GotoAsync($"/Language?language={language}&returnUrl=%2Fwebhooks");
            await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
            await page.GetByLabel(urlLabel).FillAsync($"http://127.0.0.1:9/closed-{language}-{width}");
            await page.GetByRole(AriaRole.Checkbox).Nth(2).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = create }).ClickAsync();
            await Expect(page.GetByTestId("webhook-secret")).ToBeVisibleAsync();
            await AssertFitsAsync(page, width, $"webhooks-{language}-{width}.png");

            await AddMemberCreatedEventAsync();
            // The worker polls for an event written by another process: the log is read again until it lists the attempt.
            await page.GotoAsync("/webhooks/deliveries");
            for (var tries = 0; tries < 30 && await page.GetByText($"closed-{language}-{width}").CountAsync() == 0; tries++)
            {
                await Task.Delay(500);
                await page.ReloadAsync();
                await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
            }
            await Expect(page.GetByText($"closed-{language}-{width}").First).ToBeVisibleAsync();
            await AssertFitsAsync(page, width, $"webhook-deliveries-{language}-{width}.png");
        }
        finally
        {
            await page.Context.CloseAsync();
            await app.ForgetLanguageAsync(Manager);
        }
    }

    private static async Task AssertFitsAsync(IPage page, int width, string screenshot)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        // A click's ripple grows past its button for a moment: measure once it has gone.
        await Expect(page.Locator(".mud-ripple-effect")).ToHaveCountAsync(0);
        if (Environment.GetEnvironmentVariable("MEMBERCARDS_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, screenshot), FullPage = true });
        }
        var cut = await page.EvaluateAsync<string[]>(PhoneLayoutTests.CutOff);
        Assert.True(cut.Length == 0, $"Cut off at {width} px:\n{string.Join("\n", cut)}");
    }

    /// <summary>An outbox row as a posting writes it (member.created of a demo member), for the worker to fan out and try.</summary>
    private async Task AddMemberCreatedEventAsync()
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = app.DatabaseFile, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """INSERT INTO "WebhookEvents" ("Id", "Type", "OccurredAt", "MemberId", "Data") VALUES ($id, 'member.created', $at, 1, '{}')""";
        command.Parameters.AddWithValue("$id", Guid.CreateVersion7().ToString().ToUpperInvariant());
        command.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync();
    }
}
