using MemberCards.Accounts;
using MemberCards.Coupons;
using MemberCards.Members;
using MemberCards.Products;
using Microsoft.Extensions.DependencyInjection;

namespace MemberCards.Web.Tests.Coupons;

/// <summary>
/// Ada (Bronze, no member price) holds five coupons, each valid 30 days from today: "$2 off $10" (满减), a "$1 voucher"
/// and a "$20 voucher" (代金券), "Free latte" (兑换) and "10% off tomorrow" (折扣, valid every day but today). The till
/// sells a Latte ($4.50, Coffee), a Croissant ($3.20, Bakery) and a Sandwich ($8.00, Food). Done as the system.
/// </summary>
public sealed record CouponPickerScenario(int MemberId, string CardNumber, int Sandwich, IReadOnlyDictionary<string, string> Codes, IServiceProvider Services)
{
    public static async Task<CouponPickerScenario> SeedAsync(IServiceProvider services)
    {
        var products = services.GetRequiredService<ProductService>();
        var latte = (await products.AddAsync(new ProductInput("Latte", "Coffee", 450), Access.System, CancellationToken.None)).Value;
        await products.AddAsync(new ProductInput("Croissant", "Bakery", 320), Access.System, CancellationToken.None);
        var sandwich = (await products.AddAsync(new ProductInput("Sandwich", "Food", 800), Access.System, CancellationToken.None)).Value;
        var ada = (await services.GetRequiredService<MemberService>().CreateAsync(new NewMember("Ada Lovelace", null, null), Access.System, CancellationToken.None)).Value!;
        var today = services.GetRequiredService<StoreClock>().Today;
        var notToday = CouponTemplate.EveryDay & ~(1 << (int)today.DayOfWeek);
        CouponTemplateInput[] templates =
        [
            new(0, 0, "$2 off $10", CouponKind.AmountOff, ThresholdMinor: 1000, AmountOffMinor: 200, ValidDays: 30),
            new(0, 0, "$1 voucher", CouponKind.Voucher, AmountOffMinor: 100, ValidDays: 30),
            new(0, 0, "$20 voucher", CouponKind.Voucher, AmountOffMinor: 2000, ValidDays: 30),
            new(0, 0, "Free latte", CouponKind.FreeProduct, FreeProductId: latte, ValidDays: 30),
            new(0, 0, "10% off tomorrow", CouponKind.PercentOff, PercentOff: 10, ValidDays: 30, Weekdays: notToday),
        ];
        var codes = new Dictionary<string, string>();
        foreach (var input in templates)
        {
            var template = await services.GetRequiredService<CouponTemplateService>().SaveAsync(input, Access.System, CancellationToken.None);
            Assert.True(template.Succeeded, string.Join(", ", template.Errors));
            var issued = await services.GetRequiredService<CouponIssueService>().IssueToMemberAsync(template.Value!.Id, ada.MemberId, Access.System, CancellationToken.None);
            Assert.True(issued.Succeeded, string.Join(", ", issued.Errors));
            codes[input.Name] = CouponCode.For(issued.Value);
        }
        return new CouponPickerScenario(ada.MemberId, ada.CardNumber, sandwich, codes, services);
    }

    public DateOnly Today => Services.GetRequiredService<StoreClock>().Today;
}
