using System.Text.Json;
using MemberCards.CardValue;
using MemberCards.Coupons;
using MemberCards.Members;
using MemberCards.Merging;
using MemberCards.Purchases;
using MemberCards.Tests.CardValue;
using MemberCards.Tests.Tiers;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.Merging;

/// <summary>
/// A shop where one customer holds two cards: the tiers of <see cref="TierScenario"/> (Silver at ¥1,000 spent in 12
/// months), 1 point per yuan, a top-up rule (¥100 gives ¥10 bonus), a ¥60 meal and a ¥20 coffee, a ¥10-off coupon;
/// every act goes through the real services, failing the test with the refusal when one is not expected.
/// </summary>
public sealed class MergeScenario(TestDatabase db, int mealId, int coffeeId, int couponTemplateId)
{
    public TestDatabase Db { get; } = db;
    public int MealId { get; } = mealId;
    public int CoffeeId { get; } = coffeeId;
    public int CouponTemplateId { get; } = couponTemplateId;

    public static async Task<MergeScenario> CreateAsync(TestDatabase db)
    {
        ArgumentNullException.ThrowIfNull(db);
        await TierScenario.SaveLadderAsync(db, TierScenario.Ladder);
        var rules = db.Get<CardRulesService>();
        var points = await rules.PointsRuleAsync(TestUsers.Manager, CancellationToken.None);
        Assert.True((await rules.SavePointsRuleAsync(new PointsRule { Version = points?.Version ?? 0 }, TestUsers.Manager, CancellationToken.None)).Succeeded);
        Assert.True((await rules.SaveTopUpRuleAsync(new TopUpRuleInput(0, 10_000, 1_000, 0, 0, null, null, true), TestUsers.Manager, CancellationToken.None)).Succeeded);
        var coupon = await db.Get<CouponTemplateService>().SaveAsync(
            new CouponTemplateInput(0, 0, "满50减10", CouponKind.AmountOff, ThresholdMinor: 5_000, AmountOffMinor: 1_000, ValidDays: 30), TestUsers.Marketing, CancellationToken.None);
        Assert.True(coupon.Succeeded, CardScenario.Describe(coupon.Errors));
        return new MergeScenario(db, await db.AddProductAsync("Meal", 6_000, "Food"), await db.AddProductAsync("Coffee", 2_000), coupon.Value!.Id);
    }

    public Task<int> MemberAsync(string name, string? phone = null, string? email = null) => Db.AddMemberAsync(name, phone, email);

    public async Task<int> TopUpAsync(int memberId, long amountMinor)
    {
        var result = await Db.Get<TopUpService>().RecordAsync(new NewTopUp(memberId, amountMinor, PaymentMethod.WeChatPay), TestUsers.Staff, CancellationToken.None);
        Assert.True(result.Succeeded, CardScenario.Describe(result.Errors));
        return result.Value!.TopUpId;
    }

    /// <summary>Meals paid <paramref name="fromCardMinor"/> from the card and the rest in cash, <paramref name="points"/> redeemed (100 points a yuan).</summary>
    public async Task<int> PayAsync(int memberId, int meals, long fromCardMinor = 0, long points = 0, string? coupon = null)
    {
        var due = meals * 6_000 - points - (coupon is null ? 0 : 1_000);
        List<Tender> tenders = [new Tender(PaymentMethod.Cash, due - fromCardMinor)];
        if (fromCardMinor > 0)
        {
            tenders.Add(new Tender(PaymentMethod.StoredValue, fromCardMinor));
        }
        var result = await Db.Get<PurchaseService>().RecordAsync(new NewPurchase(memberId, [new NewPurchaseLine(MealId, meals)], PointsToRedeem: points,
            Tenders: [.. tenders.Where(t => t.AmountMinor > 0)], CouponCodes: coupon is null ? null : [coupon]), TestUsers.Staff, CancellationToken.None);
        Assert.True(result.Succeeded, CardScenario.Describe(result.Errors));
        return result.Value!.PurchaseId;
    }

    public async Task VoidAsync(int purchaseId)
    {
        var result = await Db.Get<PurchaseService>().VoidAsync(purchaseId, "Entered twice", TestUsers.Manager, CancellationToken.None);
        Assert.True(result.Succeeded, CardScenario.Describe(result.Errors));
    }

    public async Task<string> GiveCouponAsync(int memberId)
    {
        var issued = await Db.Get<CouponIssueService>().IssueToMemberAsync(CouponTemplateId, memberId, TestUsers.Staff, CancellationToken.None);
        Assert.True(issued.Succeeded, CardScenario.Describe(issued.Errors));
        await using var context = Db.Open();
        return await context.Coupons.Where(c => c.Id == issued.Value).Select(c => c.Code).SingleAsync();
    }

    public async Task<int> MergeAsync(int keptId, int absorbedId)
    {
        var merged = await Db.Get<MergeService>().MergeAsync(keptId, absorbedId, TestUsers.Manager, CancellationToken.None);
        Assert.True(merged.Succeeded, CardScenario.Describe(merged.Errors));
        return merged.Value;
    }

    public Task<Result<int>> TryUnmergeAsync(int mergeId) => Db.Get<MergeService>().UnmergeAsync(mergeId, TestUsers.Manager, CancellationToken.None);

    public async Task UnmergeAsync(int mergeId)
    {
        var result = await TryUnmergeAsync(mergeId);
        Assert.True(result.Succeeded, CardScenario.Describe(result.Errors));
    }

    public async Task<Member> MemberRowAsync(int memberId)
    {
        await using var context = Db.Open();
        return await context.Members.AsNoTracking().SingleAsync(m => m.Id == memberId);
    }

    /// <summary>
    /// Everything a member holds, as JSON: stored figures, balances, tier, status, card, and the ids of their purchases,
    /// top-ups, coupons (with state), points lots (with points left) and old cards — equal strings, equal members.
    /// </summary>
    public async Task<string> StateAsync(int memberId)
    {
        await using var context = Db.Open();
        var m = await context.Members.AsNoTracking().SingleAsync(m => m.Id == memberId);
        var state = new
        {
            m.CardNumber,
            m.Status,
            m.MergedIntoId,
            m.PurchaseCount,
            m.TotalSpentMinor,
            m.LastPurchaseAt,
            m.PrincipalMinor,
            m.BonusMinor,
            m.Points,
            m.TierId,
            m.TierKeptUntil,
            m.TierFloorId,
            Purchases = await context.Purchases.Where(p => p.MemberId == memberId).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(),
            TopUps = await context.TopUps.Where(t => t.MemberId == memberId).OrderBy(t => t.Id).Select(t => t.Id).ToListAsync(),
            Coupons = await context.Coupons.Where(c => c.MemberId == memberId).OrderBy(c => c.Id).Select(c => new { c.Id, c.State }).ToListAsync(),
            Lots = await context.PointsLots.Where(l => l.MemberId == memberId).OrderBy(l => l.Id).Select(l => new { l.Id, l.RemainingPoints }).ToListAsync(),
            OldCards = await context.RetiredCards.Where(c => c.MemberId == memberId).OrderBy(c => c.Id).Select(c => c.CardNumber).ToListAsync(),
        };
        return JsonSerializer.Serialize(state);
    }

    public async Task AssertFiguresCleanAsync() =>
        Assert.Empty(await Db.Get<FiguresCheck>().FindMismatchesAsync(TestUsers.Manager, CancellationToken.None));
}
