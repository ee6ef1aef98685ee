using MemberCards.Accounts;
using MemberCards.Campaigns;
using MemberCards.Coupons;
using MemberCards.Members;
using MemberCards.Products;
using MemberCards.Purchases;
using Microsoft.Extensions.DependencyInjection;

namespace MemberCards.Web.Tests.Coupons;

/// <summary>
/// A shop of three members who each bought lattes three days ago (Ann 4, Ben 2, Cy 1 at $4.50), a saved segment of
/// everyone who bought in 90 days, one nobody is in, and a 满减 "Spend $5, get $1 off" of which only 2 are left.
/// </summary>
public sealed record CouponScenario(int LatteId, int EveryoneId, int NobodyId, int TemplateId, IReadOnlyDictionary<string, int> Members)
{
    public static async Task<CouponScenario> SeedAsync(IServiceProvider services)
    {
        var latte = (await services.GetRequiredService<ProductService>().AddAsync(new ProductInput("Latte", "Coffee", 450), Access.System, CancellationToken.None)).Value;
        var members = new Dictionary<string, int>();
        foreach (var (name, cups) in new[] { ("Ann", 4), ("Ben", 2), ("Cy", 1) })
        {
            var id = (await services.GetRequiredService<MemberService>().CreateAsync(new NewMember(name, null, null, MarketingOptIn: true), Access.System, CancellationToken.None)).Value!.MemberId;
            var bought = await services.GetRequiredService<PurchaseService>().RecordAsync(
                new NewPurchase(id, [new NewPurchaseLine(latte, cups)], PurchasedAt: DateTime.UtcNow.AddDays(-3)), Access.System, CancellationToken.None);
            Assert.True(bought.Succeeded);
            members[name] = id;
        }
        var saved = services.GetRequiredService<SavedSegmentService>();
        var everyone = (await saved.CreateAsync("Everyone", new SegmentCriteria { PeriodDays = 90 }, Access.System, CancellationToken.None)).Value!.Id;
        var nobody = (await saved.CreateAsync("Big spenders", new SegmentCriteria { PeriodDays = 90, MinSpendMinor = 1_000_000 }, Access.System, CancellationToken.None)).Value!.Id;
        var template = await services.GetRequiredService<CouponTemplateService>().SaveAsync(
            new CouponTemplateInput(0, 0, "Spend $5 get $1", CouponKind.AmountOff, ThresholdMinor: 500, AmountOffMinor: 100, ValidDays: 30, PerMemberLimit: 1, TotalQuantity: 2),
            Access.System, CancellationToken.None);
        return new CouponScenario(latte, everyone, nobody, template.Value!.Id, members);
    }
}
