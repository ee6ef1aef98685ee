using MemberCards.Campaigns;
using MemberCards.Coupons;
using MemberCards.Purchases;
using MemberCards.Tests.CardValue;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.Coupons;

/// <summary>
/// A café with coupons: a ¥30 meal (Food), a ¥18 latte and a ¥33.33 cake (Coffee); templates saved through the
/// service as marketing would, coupons issued through the services. The test clock stands on Friday 20 March 2026.
/// </summary>
public sealed class CouponScenario(TestDatabase db, int mealId, int latteId, int cakeId)
{
    public TestDatabase Db { get; } = db;
    public int MealId { get; } = mealId;
    public int LatteId { get; } = latteId;
    public int CakeId { get; } = cakeId;

    public DateOnly Today => Db.Get<StoreClock>().Today;

    public static async Task<CouponScenario> CreateAsync(TestDatabase db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return new CouponScenario(db, await db.AddProductAsync("Meal", 3_000, "Food"), await db.AddProductAsync("Latte", 1_800, "Coffee"),
            await db.AddProductAsync("Cake", 3_333, "Coffee"));
    }

    /// <summary>Saves a template valid for 30 days from issue unless <paramref name="input"/> says otherwise.</summary>
    public async Task<CouponTemplate> TemplateAsync(CouponTemplateInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var withValidity = input.ValidFrom is null && input.ValidDays is null ? input with { ValidDays = 30 } : input;
        var saved = await Db.Get<CouponTemplateService>().SaveAsync(withValidity, TestUsers.Marketing, CancellationToken.None);
        Assert.True(saved.Succeeded, CardScenario.Describe(saved.Errors));
        return saved.Value!;
    }

    public Task<CouponTemplate> AmountOffAsync(long thresholdMinor, long offMinor, string name = "满50减10") =>
        TemplateAsync(new CouponTemplateInput(0, 0, name, CouponKind.AmountOff, ThresholdMinor: thresholdMinor, AmountOffMinor: offMinor));

    /// <summary>Gives the member one coupon of the template; returns its code.</summary>
    public async Task<string> GiveAsync(int templateId, int memberId)
    {
        var issued = await Db.Get<CouponIssueService>().IssueToMemberAsync(templateId, memberId, TestUsers.Staff, CancellationToken.None);
        Assert.True(issued.Succeeded, CardScenario.Describe(issued.Errors));
        return (await CouponAsync(issued.Value)).Code;
    }

    public async Task<Coupon> CouponAsync(int couponId)
    {
        await using var context = Db.Open();
        return await context.Coupons.AsNoTracking().SingleAsync(c => c.Id == couponId);
    }

    public async Task<Coupon> CouponAsync(string code)
    {
        await using var context = Db.Open();
        return await context.Coupons.AsNoTracking().SingleAsync(c => c.Code == code);
    }

    public Task<PricedReceipt> QuoteAsync(int memberId, string code, params (int ProductId, int Quantity)[] lines) =>
        Db.Get<PurchaseService>().QuoteAsync(Basket(memberId, [code], lines), TestUsers.Staff, CancellationToken.None);

    public Task<Result<RecordedPurchase>> RecordAsync(int memberId, IReadOnlyList<string> codes, params (int ProductId, int Quantity)[] lines) =>
        Db.Get<PurchaseService>().RecordAsync(new NewPurchase(memberId, [.. lines.Select(l => new NewPurchaseLine(l.ProductId, l.Quantity))], CouponCodes: codes),
            TestUsers.Staff, CancellationToken.None);

    public static Basket Basket(int memberId, IReadOnlyList<string> codes, params (int ProductId, int Quantity)[] lines) =>
        new(memberId, [.. lines.Select(l => new NewPurchaseLine(l.ProductId, l.Quantity))], CouponCodes: codes);

    /// <summary>Saves a segment of everyone who bought in the last 90 days.</summary>
    public async Task<int> SegmentOfBuyersAsync(string name = "Buyers")
    {
        var saved = await Db.Get<SavedSegmentService>().CreateAsync(name, new SegmentCriteria { PeriodDays = 90 }, TestUsers.Marketing, CancellationToken.None);
        Assert.True(saved.Succeeded, CardScenario.Describe(saved.Errors));
        return saved.Value!.Id;
    }

    /// <summary>Members who each bought one meal yesterday.</summary>
    public async Task<IReadOnlyList<int>> BuyersAsync(int count)
    {
        var members = new List<int>();
        for (var i = 0; i < count; i++)
        {
            var id = await Db.AddMemberAsync($"Buyer {i}");
            await Db.RecordAsync(id, Db.Clock.UtcNow.AddDays(-1), (MealId, 1));
            members.Add(id);
        }
        return members;
    }
}
