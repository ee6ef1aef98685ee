using MemberCards.Data;
using MemberCards.Web.Components.Webhooks;
using MemberCards.Webhooks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberCards.Web.Tests.Webhooks;

/// <summary>A manager subscribes a receiver (the secret shown once), pauses it; a bad URL is refused at its field.</summary>
public class WebhooksPageTests() : DatabaseTestContext(services => services.AddDataProtection())
{
    protected virtual string UrlRefusal => "Enter an absolute address starting with http:// or https://.";

    protected virtual string PrivateRefusal => "127.0.0.1 is on this machine or a private network";

    protected virtual string CreateButton => "Add subscription";

    [Fact]
    public async Task A_url_that_is_not_http_is_refused_at_the_field_and_nothing_is_saved()
    {
        var page = Render<WebhooksPage>();

        await page.InvokeAsync(() => page.Find("input[type=url]").Change("ftp://hooks.example.com/x"));
        await page.ClickAsync(() => page.FindAll("button").First(b => b.TextContent.Contains(CreateButton, StringComparison.Ordinal)));

        page.WaitForAssertion(() => Assert.Contains(UrlRefusal, page.Markup, StringComparison.Ordinal));
        await page.InvokeAsync(() => page.Find("input[type=url]").Change("http://127.0.0.1:9000/hook"));
        await page.ClickAsync(() => page.FindAll("button").First(b => b.TextContent.Contains(CreateButton, StringComparison.Ordinal)));
        page.WaitForAssertion(() => Assert.Contains(PrivateRefusal, page.Markup, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("tbody tr"));
    }

    [Fact]
    public async Task A_subscription_shows_its_secret_once_is_listed_with_its_events_and_can_be_paused()
    {
        var page = Render<WebhooksPage>();

        await page.InvokeAsync(() => page.Find("input[type=url]").Change("https://hooks.example.com/till"));
        await page.ClickAsync(() => page.FindAll("button").First(b => b.TextContent.Contains(CreateButton, StringComparison.Ordinal)));

        page.WaitForAssertion(() =>
        {
            Assert.StartsWith("whsec_", page.Find("[data-testid=webhook-secret]").TextContent, StringComparison.Ordinal);
            Assert.Single(page.FindAll("tbody tr"));
        });
        var secret = page.Find("[data-testid=webhook-secret]").TextContent;
        var row = page.Find("tbody tr").TextContent;
        Assert.Contains("https://hooks.example.com/till", row, StringComparison.Ordinal);
        Assert.Contains("purchase.recorded, purchase.voided", row, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, row, StringComparison.Ordinal);

        await page.ClickAsync(() => page.Find("tbody tr button"));

        await using var db = await Services.GetRequiredService<IDbContextFactory<MemberCardsDb>>().CreateDbContextAsync();
        page.WaitForAssertion(() => Assert.False(db.WebhookSubscriptions.AsNoTracking().Single().Active));
        var stored = await db.WebhookSubscriptions.AsNoTracking().SingleAsync();
        Assert.Equal(secret, Services.GetRequiredService<WebhookSecrets>().Unprotect(stored.ProtectedSecret));
    }
}

/// <summary>The same in Chinese: the refusal at the field is in the reader's language.</summary>
public sealed class WebhooksPageChineseTests : WebhooksPageTests
{
    protected override string Language => MemberCards.Web.Localization.Languages.Chinese;

    protected override string UrlRefusal => "请输入以 http:// 或 https:// 开头的完整地址。";

    protected override string PrivateRefusal => "127.0.0.1 位于本机或内网";

    protected override string CreateButton => "添加订阅";
}
