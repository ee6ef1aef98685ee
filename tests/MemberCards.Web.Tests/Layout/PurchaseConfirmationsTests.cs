using System.Security.Claims;
using MemberCards.Data;
using MemberCards.Members;
using MemberCards.Products;
using MemberCards.Purchases;
using MemberCards.Web.Components.Layout;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace MemberCards.Web.Tests.Layout;

/// <summary>What staff are told when the connection comes back after a save, on a fake clock over a real SQLite file.</summary>
public sealed class PurchaseConfirmationsTests : DatabaseTestContext
{
    private static readonly ClaimsPrincipal Staff = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "staff@test"), new Claim(ClaimTypes.Role, MemberCards.Accounts.Roles.Staff)], authenticationType: "test"));

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 20, 15, 0, 0, TimeSpan.Zero));
    private int _member;
    private int _product;

    protected override async Task SeedAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<MemberCardsDb>>().CreateDbContextAsync();
        var member = new Member { Name = "Ada Lovelace", SearchName = "ada lovelace", CardNumber = "123456789018", TierId = 1 };
        var product = new Product { Name = "Latte", Category = "Coffee", UnitPriceMinor = 450 };
        db.AddRange(member, product);
        await db.SaveChangesAsync();
        (_member, _product) = (member.Id, product.Id);
    }

    private PurchaseConfirmations Confirmations() => new(
        Services.GetRequiredService<PurchaseSearch>(), Services.GetRequiredService<ISnackbar>(), JSInterop.JSRuntime,
        Services.GetRequiredService<StoreFormat>(), _clock, Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<LayoutText>>(),
        Microsoft.Extensions.Logging.Abstractions.NullLogger<PurchaseConfirmations>.Instance);

    private async Task<int> RecordAsync(Guid key) => (await Services.GetRequiredService<PurchaseService>()
        .RecordAsync(new NewPurchase(_member, [new NewPurchaseLine(_product, 1)], IdempotencyKey: key), Staff, CancellationToken.None)).Value!.PurchaseId;

    private IEnumerable<string> Said => Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message ?? "");

    [Fact]
    public async Task A_purchase_answered_just_before_the_drop_is_looked_up_and_confirmed_with_its_receipt_after_reconnect()
    {
        var confirmations = Confirmations();
        var key = Guid.NewGuid();
        confirmations.Saving(key, Staff);
        var receipt = await RecordAsync(key);
        confirmations.Answered(key);
        _clock.Advance(TimeSpan.FromSeconds(1));

        await confirmations.OnConnectionDownAsync(null!, CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(10));
        await confirmations.OnConnectionUpAsync(null!, CancellationToken.None);
        await confirmations.ReconnectCheck;

        Assert.Contains($"Recorded — receipt {receipt}: $4.50 for Ada Lovelace.", Said);
        Assert.Single(Said);
    }

    [Fact]
    public async Task A_save_that_never_arrived_or_was_answered_long_before_the_drop_says_nothing()
    {
        var confirmations = Confirmations();
        var seen = Guid.NewGuid();
        confirmations.Saving(seen, Staff);
        await RecordAsync(seen);
        confirmations.Answered(seen);
        _clock.Advance(TimeSpan.FromMinutes(5));
        confirmations.Saving(Guid.NewGuid(), Staff);

        await confirmations.OnConnectionDownAsync(null!, CancellationToken.None);
        await confirmations.OnConnectionUpAsync(null!, CancellationToken.None);
        await confirmations.ReconnectCheck;

        Assert.Empty(Said);
    }
}
