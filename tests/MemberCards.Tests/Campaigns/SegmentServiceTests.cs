using MemberCards.Campaigns;
using MemberCards.Purchases;

namespace MemberCards.Tests.Campaigns;

public sealed class SegmentServiceTests
{
    [Fact]
    public async Task Top_spenders_rank_by_non_void_spend_inside_the_period()
    {
        var now = TestDatabase.DefaultNow;
        await using var db = await TestDatabase.CreateAsync();
        var coffee = await db.AddProductAsync("Coffee", 100);
        var steady = await db.AddMemberAsync("Steady");
        var burst = await db.AddMemberAsync("Burst");
        var old = await db.AddMemberAsync("Old Timer");
        await db.RecordAsync(steady, now.AddDays(-3), (coffee, 3));
        await db.RecordAsync(steady, now.AddDays(-20), (coffee, 3));
        await db.RecordAsync(burst, now.AddDays(-1), (coffee, 5));
        var voided = await db.RecordAsync(burst, now.AddDays(-2), (coffee, 50));
        await db.RecordAsync(old, now.AddDays(-200), (coffee, 90));
        await db.Get<PurchaseService>().VoidAsync(voided, "Mistake", TestUsers.Manager, CancellationToken.None);

        var top = await db.Get<SegmentService>().TopSpendersAsync(90, 10, TestUsers.Marketing, CancellationToken.None);

        Assert.Equal([("Steady", 600L, 2), ("Burst", 500L, 1)], top.Select(t => (t.Name, t.SpendMinor, t.Purchases)));
        Assert.Equal(now.AddDays(-3), top[0].LastPurchaseAt);
        Assert.Equal(["Steady"], (await db.Get<SegmentService>().TopSpendersAsync(90, 1, TestUsers.Marketing, CancellationToken.None)).Select(t => t.Name));
    }
}
