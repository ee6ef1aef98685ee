namespace MemberCards.E2E;

[CollectionDefinition(nameof(BrowserTests))]
public sealed class BrowserTests : ICollectionFixture<BrowserFixture>;

/// <summary>One app (small demo data, own database) and one headless Chromium, shared by the browser tests.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly TempFolder _data = new();
    private AppProcess? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static string ChromiumPath { get; } = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The app's SQLite file, for tests that check what was stored while the browser could not be told.</summary>
    public string DatabaseFile => _data.File("membercards.db");

    public IBrowser Browser
    {
        get
        {
            if (_browser is null)
            {
                var message = $"Chromium was not found at {ChromiumPath}: install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH.";
                if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                {
                    Assert.Fail(message);
                }
                Assert.Skip(message);
            }
            return _browser;
        }
    }

    public async ValueTask InitializeAsync()
    {
        // As the component tests' waits: each Expect waits for a state the test names, so a long limit costs nothing
        // when it passes, and Playwright's 5 s failed pages that became interactive a moment later on a loaded CI machine.
        Assertions.SetDefaultExpectTimeout(15_000);
        if (!File.Exists(ChromiumPath))
        {
            return;
        }
        try
        {
            _app = AppProcess.Start($"Data Source={DatabaseFile}", new Dictionary<string, string>
            {
                ["MemberCards__DemoData__Members"] = "200",
                ["MemberCards__DemoData__Purchases"] = "3000",
                // "Sign out everywhere else" and a reset second factor reach other browsers within this period.
                ["MemberCards__SignIn__SessionCheckEvery"] = "00:00:02",
            });
            var listening = _app.WaitUntilListeningAsync(AppProcess.StartTimeout);
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Args = ChromiumArgs });
            BaseAddress = await listening;
        }
        catch
        {
            // A fixture that fails to start is not disposed by xunit: don't leave the app or the browser running.
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A fresh browser context (own cookies, light colour scheme unless asked) and page at the given viewport size,
    /// talking to the app directly or through another address (a <see cref="CuttableProxy"/>).
    /// </summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, Uri? through = null, ColorScheme colorScheme = ColorScheme.Light)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = (through ?? BaseAddress).ToString(),
            ViewportSize = new() { Width = width, Height = height },
            ColorScheme = colorScheme,
            // Charts skip their drawing animation then, so a screenshot shows the figures, not bars half grown.
            ReducedMotion = ReducedMotion.Reduce,
        });
        return await context.NewPageAsync();
    }

    /// <summary>A fresh page signed in as one of the Development demo accounts, on the page its role lands on.</summary>
    public async Task<IPage> NewSignedInPageAsync(string email, int width = 1280, int height = 900, Uri? through = null, ColorScheme colorScheme = ColorScheme.Light)
    {
        var page = await NewPageAsync(width, height, through, colorScheme);
        await SignInAsync(page, email, DemoPassword);
        await Microsoft.Playwright.Assertions.Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        return page;
    }

    public const string DemoPassword = "demo-password-2026";

    /// <summary>The demo managers' authenticator key (README): the browser tests compute its current code as an app does.</summary>
    public const string DemoAuthenticatorKey = MemberCards.Accounts.DemoAccounts.AuthenticatorKey;

    /// <summary>The code an authenticator app set up with this key shows now (RFC 6238: 30 s steps, 6 digits, SHA-1).</summary>
    public static string CodeFor(string key) => new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key.Replace(" ", "", StringComparison.Ordinal))).ComputeTotp();

    /// <summary>Forgets the language a demo account chose, so the other browser tests read it in English again.</summary>
    public async Task ForgetLanguageAsync(string userName)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = DatabaseFile, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE AspNetUsers SET Language = NULL WHERE UserName = $name";
        command.Parameters.AddWithValue("$name", userName);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Fills the sign-in form the way a user does and submits it; when the app then asks for the second factor, gives the
    /// current code of <paramref name="authenticatorKey"/> (the demo managers' key unless another is given).
    /// </summary>
    public static async Task SignInAsync(IPage page, string email, string password, string authenticatorKey = DemoAuthenticatorKey)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (!page.Url.Contains("/Account/Login", StringComparison.Ordinal))
        {
            await page.GotoAsync("/Account/Login");
        }
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await GiveCodeIfAskedAsync(page, authenticatorKey);
    }

    /// <summary>After the password: the current code of the key when the page asks for one.</summary>
    public static async Task GiveCodeIfAskedAsync(IPage page, string authenticatorKey = DemoAuthenticatorKey)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        if (page.Url.Contains("/Account/SignInCode", StringComparison.Ordinal))
        {
            await GiveCodeAsync(page, CodeFor(authenticatorKey));
        }
    }

    /// <summary>The second step of a sign-in, in any language: the page's one text box and one button.</summary>
    public static async Task GiveCodeAsync(IPage page, string code)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GetByRole(AriaRole.Textbox).FillAsync(code);
        await page.GetByRole(AriaRole.Button).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        _data.Dispose();
    }
}
