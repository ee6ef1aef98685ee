using MemberCards.Accounts;
using MemberCards.Members;
using MemberCards.Products;
using MemberCards.Purchases;
using MemberCards.Tiers;
using Microsoft.Extensions.DependencyInjection;

namespace MemberCards.Web.Tests.Members;

/// <summary>
/// The seeded tiers (Bronze 0 / Silver $1,000 / Gold $3,000 / Platinum $8,000, rolling 12 months) with Gold at 9.5折
/// (5% off), a Latte at $4.50 and a Gift Card at $400, and Ada, a member with no purchase yet. Done as the system.
/// </summary>
public sealed record TierScenario(int MemberId, int Latte, int GiftCard, IServiceProvider Services)
{
    public static async Task<TierScenario> SeedAsync(IServiceProvider services)
    {
        var tiers = services.GetRequiredService<TierService>();
        var table = await tiers.ListAsync(CancellationToken.None);
        var gold = table.Select(t => t.Preset == TierPreset.Gold ? TierInput.From(t) with { PriceRate = 9_500 } : TierInput.From(t)).ToList();
        Assert.True((await tiers.SaveAsync(gold, [.. table.Select(t => (t.Id, t.Version))], Access.System, CancellationToken.None)).Succeeded);
        var products = services.GetRequiredService<ProductService>();
        var latte = await products.AddAsync(new ProductInput("Latte", "Coffee", 450), Access.System, CancellationToken.None);
        var giftCard = await products.AddAsync(new ProductInput("Gift Card", "Gifts", 40_000), Access.System, CancellationToken.None);
        var ada = await services.GetRequiredService<MemberService>().CreateAsync(new NewMember("Ada Lovelace", "ada@example.com", "555 123 4567"), Access.System, CancellationToken.None);
        return new TierScenario(ada.Value!.MemberId, latte.Value, giftCard.Value, services);
    }

    /// <summary>Ada buys <paramref name="giftCards"/> gift cards at the till ($400 each).</summary>
    public async Task<int> BuyGiftCardsAsync(int giftCards)
    {
        var recorded = await Services.GetRequiredService<PurchaseService>().RecordAsync(new NewPurchase(MemberId, [new NewPurchaseLine(GiftCard, giftCards)]), Access.System, CancellationToken.None);
        Assert.True(recorded.Succeeded);
        return recorded.Value!.PurchaseId;
    }

    public DateOnly Today => Services.GetRequiredService<StoreClock>().Today;
}
