using Bunit;
using MemberCards.Accounts;
using MemberCards.Auditing;
using MemberCards.Data;
using MemberCards.Members;
using MemberCards.Web.Components.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace MemberCards.Web.Tests.Members;

/// <summary>Holds the next save until the test lets it go, so a second Enter arrives while the first save runs.</summary>
public sealed class SaveGate : SaveChangesInterceptor
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _holdNext;

    public void HoldNext() => _holdNext = 1;

    public void Release() => _released.TrySetResult();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _holdNext, 0) == 1)
        {
            await _released.Task;
        }
        return result;
    }
}

public sealed class MemberGridSaveTests() : DatabaseTestContext(services => services
    .AddSingleton<SaveGate>()
    .ConfigureDbContext<MemberCardsDb>((provider, options) => options.AddInterceptors(provider.GetRequiredService<SaveGate>())))
{
    private int _ada;

    protected override async Task SeedAsync()
    {
        _ada = (await Services.GetRequiredService<MemberService>().CreateAsync(new NewMember("Ada Lovelace", "ada@example.com", "555 123 4567"), Access.System, CancellationToken.None)).Value!.MemberId;
        Render<MudBlazor.MudPopoverProvider>();
    }

    [Fact]
    public async Task Enter_pressed_again_while_the_save_runs_saves_once_and_blames_nobody()
    {
        var page = Render<MembersPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("tbody tr")));
        // The grid may still be rendering its rows again: click in one turn of the renderer, then wait for the fields.
        await page.InvokeAsync(() => page.Find("button[aria-label='Edit Ada Lovelace']").Click());
        page.WaitForAssertion(() => Assert.NotNull(NameField(page)));
        await page.InputAsync(() => NameField(page), "Ada King");
        var gate = Services.GetRequiredService<SaveGate>();
        gate.HoldNext();

        var first = page.KeyDownAsync(() => NameField(page), "Enter");
        page.WaitForAssertion(() => Assert.True(page.Find("button[aria-label='Save']").HasAttribute("disabled")));
        var second = page.KeyDownAsync(() => NameField(page), "Enter");
        gate.Release();
        await Task.WhenAll(first, second);

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("tbody tr input")));
        Assert.Contains("Ada King", page.Find("tbody tr").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll(".mud-alert"));
        await using var db = await Services.GetRequiredService<IDbContextFactory<MemberCardsDb>>().CreateDbContextAsync();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.MemberChanged && e.EntityId == _ada.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static AngleSharp.Dom.IElement NameField(IRenderedComponent<MembersPage> page) =>
        page.FindAll("tbody tr .mud-input-control").Single(c => c.QuerySelector("label")?.TextContent == "Name").QuerySelector("input")!;
}
