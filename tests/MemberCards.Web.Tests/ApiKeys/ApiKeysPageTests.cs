using MemberCards.ApiKeys;
using MemberCards.Data;
using MemberCards.Web.Components.ApiKeys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MemberCards.Web.Tests.ApiKeys;

/// <summary>A manager makes a key (shown once, stored hashed), sees it listed with its scopes, and revokes it.</summary>
public sealed class ApiKeysPageTests : DatabaseTestContext
{
    [Fact]
    public async Task A_new_key_is_shown_once_and_listed_with_its_scopes_and_never_used()
    {
        var page = Render<ApiKeysPage>();

        await page.InvokeAsync(() => page.Find("input[type=text]").Change("Front till"));
        await page.ClickAsync(() => page.FindAll("button").First(b => b.TextContent.Contains("Create key", StringComparison.Ordinal)));

        // The secret shows at once; the list follows when it has been read again.
        page.WaitForAssertion(() =>
        {
            Assert.StartsWith(ApiKeySecret.Start, page.Find("[data-testid=api-key-secret]").TextContent, StringComparison.Ordinal);
            Assert.Single(page.FindAll("tbody tr"));
        });
        var secret = page.Find("[data-testid=api-key-secret]").TextContent;
        var row = page.FindAll("tbody tr").Single().TextContent;
        Assert.Contains("Front till", row, StringComparison.Ordinal);
        Assert.Contains("members:read, purchases:write", row, StringComparison.Ordinal);
        Assert.Contains("never", row, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, row, StringComparison.Ordinal);
        Assert.NotNull(await Services.GetRequiredService<ApiKeyService>().AuthenticateAsync(secret, default));
    }

    [Fact]
    public async Task A_key_without_a_name_is_refused_at_the_name_field()
    {
        var page = Render<ApiKeysPage>();

        await page.ClickAsync(() => page.FindAll("button").First(b => b.TextContent.Contains("Create key", StringComparison.Ordinal)));

        page.WaitForAssertion(() => Assert.Contains("Give the key a name", page.Markup, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("tbody tr"));
    }

    [Fact]
    public async Task Revoking_asks_first_then_marks_the_key_revoked_and_it_authenticates_no_more()
    {
        var created = (await Services.GetRequiredService<ApiKeyService>().CreateAsync("Old till", ApiScopes.ReadMembers, MemberCards.Accounts.Access.System, default)).Value!;
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var page = Render<ApiKeysPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("tbody tr")));

        var clicked = page.InvokeAsync(() => page.Find("button[aria-label='Revoke Old till']").Click());
        dialogs.WaitForAssertion(() => Assert.Contains("cannot be undone", dialogs.Markup, StringComparison.Ordinal));
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Last(b => b.TextContent.Contains("Revoke", StringComparison.Ordinal)).Click());
        await clicked;

        page.WaitForAssertion(() => Assert.Contains("Revoked", page.Find("tbody tr").TextContent, StringComparison.Ordinal));
        Assert.Null(await Services.GetRequiredService<ApiKeyService>().AuthenticateAsync(created.Secret, default));
        await using var db = await Services.GetRequiredService<IDbContextFactory<MemberCardsDb>>().CreateDbContextAsync();
        Assert.Equal("manager@test", (await db.ApiKeys.SingleAsync()).RevokedBy);
    }
}
