using MemberCards.CardValue;
using MemberCards.Purchases;
using MemberCards.Tiers;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.Tiers;

/// <summary>
/// A shop with the preset tiers set as a restaurant would: Silver at ¥1,000 and Gold at ¥3,000 spent in 12 months
/// (9.8折 ×1.2 points, 9.5折 ×1.5 points, gift cards at list price for Gold), Platinum for one top-up of ¥5,000
/// (9折 ×2); a ¥100 meal, a ¥3.33 cookie and a gift card product priced per test.
/// </summary>
public sealed class TierScenario(TestDatabase db, int mealId, int cookieId)
{
    public TestDatabase Db { get; } = db;
    public int MealId { get; } = mealId;
    public int CookieId { get; } = cookieId;

    public static readonly TierInput[] Ladder =
    [
        new(TestTiers.Bronze, 0, null, TierPreset.Bronze, TierMeasure.RollingYearSpend, 0),
        new(TestTiers.Silver, 0, null, TierPreset.Silver, TierMeasure.RollingYearSpend, 100_000, 9_800, 120, 12),
        new(TestTiers.Gold, 0, null, TierPreset.Gold, TierMeasure.RollingYearSpend, 300_000, 9_500, 150, 12, ["Gift cards"]),
        new(TestTiers.Platinum, 0, null, TierPreset.Platinum, TierMeasure.SingleTopUp, 500_000, 9_000, 200, 12),
    ];

    public static async Task<TierScenario> CreateAsync(TestDatabase db, Func<TierInput, TierInput>? change = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        await SaveLadderAsync(db, [.. Ladder.Select(change ?? (t => t))]);
        return new TierScenario(db, await db.AddProductAsync("Meal", 10_000, "Food"), await db.AddProductAsync("Cookie", 333, "Food"));
    }

    public static async Task SaveLadderAsync(TestDatabase db, IReadOnlyList<TierInput> table)
    {
        ArgumentNullException.ThrowIfNull(db);
        var service = db.Get<TierService>();
        var loaded = (await service.ListAsync(CancellationToken.None)).Select(t => (t.Id, t.Version)).ToList();
        var versions = loaded.ToDictionary(l => l.Id, l => l.Version);
        var saved = await service.SaveAsync([.. table.Select(t => t with { Version = versions.GetValueOrDefault(t.Id) })], loaded, TestUsers.Manager, CancellationToken.None);
        Assert.True(saved.Succeeded, MemberCards.Tests.CardValue.CardScenario.Describe(saved.Errors));
    }

    public async Task<int> GiftCardAsync(long priceMinor) => await Db.AddProductAsync($"Gift card {priceMinor}", priceMinor, "Gift cards");

    public async Task<TierStanding> StandingAsync(int memberId)
    {
        await using var context = Db.Open();
        return await TierEvaluation.StandingAsync(context, memberId, CancellationToken.None);
    }

    public async Task<IReadOnlyList<TierChange>> HistoryAsync(int memberId)
    {
        await using var context = Db.Open();
        return await context.TierChanges.AsNoTracking().Where(c => c.MemberId == memberId).OrderBy(c => c.Id).ToListAsync();
    }

    public async Task<Purchase> PurchaseAsync(int purchaseId)
    {
        await using var context = Db.Open();
        return await context.Purchases.AsNoTracking().Include(p => p.Lines).SingleAsync(p => p.Id == purchaseId);
    }

    /// <summary>The review as the job runs it on <paramref name="day"/> (the store's date), at 03:00 that morning.</summary>
    public async Task<TierReviewRun> ReviewOnAsync(DateOnly day)
    {
        var clock = Db.Get<StoreClock>();
        Db.Clock.UtcNow = clock.StartOfDayUtc(day).AddHours(3);
        return await Db.Get<TierReview>().RunAsync(TestUsers.Manager, CancellationToken.None);
    }

    public DateTime At(DateOnly day, int hour = 12) => Db.Get<StoreClock>().StartOfDayUtc(day).AddHours(hour);
}
