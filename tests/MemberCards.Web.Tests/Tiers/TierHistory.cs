using MemberCards.Accounts;
using MemberCards.Members;
using MemberCards.Products;
using MemberCards.Purchases;
using Microsoft.Extensions.DependencyInjection;

namespace MemberCards.Web.Tests.Tiers;

/// <summary>
/// A hand-built history on the preset tiers (spend in a rolling 12 months: 0 / 1,000 / 3,000 / 8,000):
/// Ada spent 500 (entry tier), Ben 1,500 (Silver), Cy 3,500 (Gold), Dee nothing, and Eve's 5,000 was voided
/// (Gold, withdrawn). Held now: Bronze 3, Silver 1, Gold 1, Platinum 0.
/// </summary>
public static class TierHistory
{
    public const long GiftCardMinor = 50_000;

    public static async Task SeedAsync(IServiceProvider services)
    {
        var products = services.GetRequiredService<ProductService>();
        var giftCard = (await products.AddAsync(new ProductInput("Gift card", "Gift cards", GiftCardMinor), Access.System, CancellationToken.None)).Value;
        await products.AddAsync(new ProductInput("Latte", "Coffee", 450), Access.System, CancellationToken.None);
        var members = services.GetRequiredService<MemberService>();
        var purchases = services.GetRequiredService<PurchaseService>();
        async Task<int> MemberAsync(string name, int giftCards)
        {
            var id = (await members.CreateAsync(new NewMember(name, null, null), Access.System, CancellationToken.None)).Value!.MemberId;
            if (giftCards > 0)
            {
                var recorded = await purchases.RecordAsync(new NewPurchase(id, [new NewPurchaseLine(giftCard, giftCards)]), Access.System, CancellationToken.None);
                Assert.True(recorded.Succeeded);
            }
            return id;
        }
        await MemberAsync("Ada", 1);
        await MemberAsync("Ben", 3);
        await MemberAsync("Cy", 7);
        await MemberAsync("Dee", 0);
        var eve = await MemberAsync("Eve", 10);
        var voided = await purchases.VoidAsync(LastPurchaseOf(services, eve), "Wrong member", Access.System, CancellationToken.None);
        Assert.True(voided.Succeeded);
    }

    private static int LastPurchaseOf(IServiceProvider services, int memberId)
    {
        using var db = services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<MemberCards.Data.MemberCardsDb>>().CreateDbContext();
        return db.Purchases.Where(p => p.MemberId == memberId).Max(p => p.Id);
    }
}
