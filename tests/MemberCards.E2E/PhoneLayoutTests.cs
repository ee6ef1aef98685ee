using static Microsoft.Playwright.Assertions;

namespace MemberCards.E2E;

/// <summary>Staff use phones at the counter: every page at 390 px wide with nothing cut off and the app bar on one line.</summary>
[Collection(nameof(BrowserTests))]
public sealed class PhoneLayoutTests(BrowserFixture app)
{
    private const int Width = 390;

    // Every visible element that reaches past the screen's edges or is clipped by a box narrower than itself,
    // unless it sits in a chart's table view (24 hours of columns scroll inside their card on purpose) or in
    // something closed (the navigation drawer, a popover).
    internal const string CutOff = """
        () => {
          const width = document.documentElement.clientWidth;
          const cut = [];
          if (document.documentElement.scrollWidth > width) cut.push(`the page is ${document.documentElement.scrollWidth} px wide`);
          const clippedBy = (element, box) => {
            for (let p = element.parentElement; p && p !== document.body; p = p.parentElement) {
              if (getComputedStyle(p).overflowX === 'visible') continue;
              const clip = p.getBoundingClientRect();
              if (box.right > clip.right + 0.5 || box.left < clip.left - 0.5) return p;
            }
            return null;
          };
          for (const element of document.querySelectorAll('body *')) {
            const box = element.getBoundingClientRect();
            if (box.width === 0 || box.height === 0 || getComputedStyle(element).visibility === 'hidden') continue;
            if (element.closest('.chart-table, .mud-drawer--closed, .mud-popover:not(.mud-popover-open), #components-reconnect-modal:not([open])')) continue;
            // Text shortened on purpose with an ellipsis is not cut.
            if (getComputedStyle(element).textOverflow === 'ellipsis') continue;
            const clip = clippedBy(element, box);
            if (box.right > width + 0.5 || box.left < -0.5 || clip) {
              const name = element.tagName.toLowerCase() + (element.className && typeof element.className === 'string' ? '.' + element.className.trim().split(/\s+/).slice(0, 3).join('.') : '');
              cut.push(`${name} spans ${Math.round(box.left)}–${Math.round(box.right)} px${clip ? ` in a ${Math.round(clip.getBoundingClientRect().width)} px box` : ''}: "${(element.innerText || '').trim().slice(0, 40)}"`);
            }
          }
          return cut.slice(0, 15);
        }
        """;

    public static TheoryData<string, string, string> Pages => new()
    {
        { "manager@demo.test", "/", "phone-dashboard.png" },
        { "staff@demo.test", "/members", "phone-members.png" },
        { "staff@demo.test", "/members/1", "phone-member.png" },
        { "staff@demo.test", "/purchases", "phone-purchases.png" },
        { "marketing@demo.test", "/campaigns", "phone-campaigns.png" },
        { "manager@demo.test", "/products", "phone-products.png" },
        { "manager@demo.test", "/users", "phone-users.png" },
        { "manager@demo.test", "/audit", "phone-audit.png" },
        { "staff@demo.test", "/Account/ChangePassword", "phone-change-password.png" },
        { "staff@demo.test", "/not-found", "phone-not-found.png" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_fits_a_390_px_phone_with_the_title_on_one_line(string user, string path, string screenshot)
    {
        var page = await app.NewSignedInPageAsync(user, Width, 844);

        await page.GotoAsync(path);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        if (!path.StartsWith("/Account", StringComparison.Ordinal))
        {
            await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        }
        await Screenshots.SaveAsync(page, screenshot, fullPage: true);

        var cut = await page.EvaluateAsync<string[]>(CutOff);
        Assert.True(cut.Length == 0, $"Cut off at {Width} px:\n{string.Join("\n", cut)}");
        if (!path.StartsWith("/Account", StringComparison.Ordinal))
        {
            var title = page.GetByRole(AriaRole.Banner).GetByText("Member Cards", new() { Exact = true });
            var box = (await title.BoundingBoxAsync())!;
            var lineHeight = await title.EvaluateAsync<double>("title => parseFloat(getComputedStyle(title).lineHeight)");
            Assert.True(box.Height < lineHeight * 1.5, $"The app bar title takes {box.Height} px for a {lineHeight} px line: it wraps.");
            Assert.Equal(await title.EvaluateAsync<double>("t => t.scrollWidth"), await title.EvaluateAsync<double>("t => t.clientWidth"));
        }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_sign_in_page_fits_a_390_px_phone()
    {
        var page = await app.NewPageAsync(Width, 844);

        await page.GotoAsync("/Account/Login");
        await Screenshots.SaveAsync(page, "phone-sign-in.png", fullPage: true);

        var cut = await page.EvaluateAsync<string[]>(CutOff);
        Assert.True(cut.Length == 0, $"Cut off at {Width} px:\n{string.Join("\n", cut)}");
        await page.Context.CloseAsync();
    }
}
