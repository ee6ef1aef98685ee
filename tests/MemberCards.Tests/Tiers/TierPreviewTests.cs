using MemberCards.CardValue;
using MemberCards.Members;
using MemberCards.Tiers;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.Tiers;

/// <summary>The what-if on a hand-built history: members per tier now and under an edited ladder, each measure read as the review reads it.</summary>
public sealed class TierPreviewTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 3, 20);
    private TestDatabase _db = null!;
    private TierScenario _shop = null!;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _shop = await TierScenario.CreateAsync(_db);
    }

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task The_preview_counts_each_open_member_at_the_tier_the_edited_ladder_gives_them_today()
    {
        var silverNow = await _db.AddMemberAsync("Silver now");
        await _db.RecordAsync(silverNow, _shop.At(Today.AddDays(-10)), (_shop.MealId, 15));
        var goldNow = await _db.AddMemberAsync("Gold now");
        await _db.RecordAsync(goldNow, _shop.At(Today.AddDays(-10)), (_shop.MealId, 30));
        // Gold thirteen months ago and not reviewed since: held now, outside the rolling year, inside the lifetime.
        var longAgo = await _db.AddMemberAsync("Long ago");
        await _db.RecordAsync(longAgo, _shop.At(Today.AddMonths(-13)), (_shop.MealId, 50));
        var toppedUp = await _db.AddMemberAsync("Topped up");
        await _db.Get<TopUpService>().RecordAsync(new NewTopUp(toppedUp, 500_000, PaymentMethod.Cash), TestUsers.Staff, CancellationToken.None);
        await _db.AddMemberAsync("No history");
        var closed = await _db.AddMemberAsync("Closed");
        await _db.RecordAsync(closed, _shop.At(Today.AddDays(-10)), (_shop.MealId, 30));
        await using (var context = _db.Open())
        {
            await context.Members.Where(m => m.Id == closed).ExecuteUpdateAsync(set => set.SetProperty(m => m.Status, MemberStatus.Closed));
        }
        var service = _db.Get<TierService>();
        var table = (await service.ListAsync(CancellationToken.None)).Select(TierInput.From).ToList();
        // Silver on lifetime spend of ¥1,200: the member of thirteen months ago reaches it, rolling Gold they do not.
        table[1] = table[1] with { Measure = TierMeasure.LifetimeSpend, ThresholdMinor = 120_000 };

        var preview = await service.PreviewAsync(table, TestUsers.Manager, CancellationToken.None);

        Assert.True(preview.Succeeded);
        Assert.Equal([(1, 1), (1, 2), (2, 1), (1, 1)], preview.Value!.Select(r => (r.HeldNow, r.UnderNewRules)));
    }

    [Fact]
    public async Task The_preview_of_the_saved_ladder_gives_what_the_members_hold_after_their_purchases_and_top_ups()
    {
        foreach (var (meals, name) in new[] { (5, "Bronze"), (12, "Silver"), (31, "Gold"), (0, "None") })
        {
            var member = await _db.AddMemberAsync(name);
            if (meals > 0)
            {
                await _db.RecordAsync(member, _shop.At(Today.AddDays(-3)), (_shop.MealId, meals));
            }
        }
        var platinum = await _db.AddMemberAsync("Platinum");
        await _db.Get<TopUpService>().RecordAsync(new NewTopUp(platinum, 500_000, PaymentMethod.Cash), TestUsers.Staff, CancellationToken.None);
        var service = _db.Get<TierService>();

        var preview = await service.PreviewAsync([.. (await service.ListAsync(CancellationToken.None)).Select(TierInput.From)], TestUsers.Manager, CancellationToken.None);

        Assert.Equal([(2, 2), (1, 1), (1, 1), (1, 1)], preview.Value!.Select(r => (r.HeldNow, r.UnderNewRules)));
    }
}
