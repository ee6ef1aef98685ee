using MemberCards.Campaigns;
using MemberCards.Members;
using MemberCards.Purchases;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.Campaigns;

/// <summary>
/// A small hand-built store, "now" = 2026-03-20 15:00 UTC (11:00 in New York). Spend in the last 90 days:
/// Cy 32.00 (3 purchases, not opted in), Ann 20.00 (2, cake among them), Ben 18.00 (1, a muffin), Flo 10.50 (2, cake),
/// Di 5.00 (1, cake, card frozen); Ed bought long ago and his recent purchase was voided.
/// </summary>
public sealed class CampaignData
{
    public required TestDatabase Db { get; init; }
    public required int Coffee { get; init; }
    public required int Cake { get; init; }
    public required Dictionary<string, int> Ids { get; init; }

    public string NameOf(int id) => Ids.Single(i => i.Value == id).Key;

    public static async Task<CampaignData> CreateAsync()
    {
        var now = TestDatabase.DefaultNow;
        var db = await TestDatabase.CreateAsync();
        var coffee = await db.AddProductAsync("Coffee", 100, "Drinks");
        var cake = await db.AddProductAsync("Cake", 250, "Bakery");
        var muffin = await db.AddProductAsync("Muffin", 300, "Bakery");
        var ids = new Dictionary<string, int>
        {
            ["Ann"] = await AddAsync(db, "Ann", TestTiers.Gold, true, "ann@example.com", "+1 212 555 0101"),
            ["Ben"] = await AddAsync(db, "Ben", TestTiers.Silver, true, "ben@example.com", null),
            ["Cy"] = await AddAsync(db, "Cy", TestTiers.Bronze, false, "cy@example.com", "+1 212 555 0103"),
            ["Di"] = await AddAsync(db, "Di", TestTiers.Gold, true, null, null),
            ["Ed"] = await AddAsync(db, "Ed", TestTiers.Platinum, true, null, null),
            ["Flo"] = await AddAsync(db, "Flo", TestTiers.Bronze, true, "flo@example.com", null),
        };
        await db.RecordAsync(ids["Ann"], now.AddDays(-2), (coffee, 10));
        await db.RecordAsync(ids["Ann"], now.AddDays(-40), (cake, 4));
        await db.RecordAsync(ids["Ben"], now.AddDays(-10), (coffee, 15), (muffin, 1));
        await db.RecordAsync(ids["Cy"], now.AddDays(-5), (coffee, 30));
        await db.RecordAsync(ids["Cy"], now.AddDays(-6), (coffee, 1));
        await db.RecordAsync(ids["Cy"], now.AddDays(-7), (coffee, 1));
        await db.RecordAsync(ids["Di"], now.AddDays(-60), (cake, 2));
        await db.RecordAsync(ids["Ed"], now.AddDays(-200), (coffee, 50));
        var voided = await db.RecordAsync(ids["Ed"], now.AddDays(-1), (coffee, 99));
        await db.Get<PurchaseService>().VoidAsync(voided, "Wrong member", TestUsers.Manager, CancellationToken.None);
        await db.RecordAsync(ids["Flo"], now.AddDays(-80), (coffee, 8));
        await db.RecordAsync(ids["Flo"], now.AddDays(-85), (cake, 1));
        await using (var context = db.Open())
        {
            var di = await context.Members.FindAsync(ids["Di"]);
            di!.Status = MemberStatus.Frozen;
            await context.SaveChangesAsync();
        }
        return new CampaignData { Db = db, Coffee = coffee, Cake = cake, Ids = ids };
    }

    public async Task<IReadOnlyList<SegmentMember>> EvaluateAsync(SegmentCriteria criteria) =>
        (await Db.Get<SegmentService>().PageAsync(criteria, 0, 100, true, TestUsers.Marketing, CancellationToken.None)).Rows;

    public async Task<IReadOnlyList<string>> NamesAsync(SegmentCriteria criteria) =>
        [.. (await EvaluateAsync(criteria)).Select(m => m.Name)];

    private static async Task<int> AddAsync(TestDatabase db, string name, int tierId, bool optIn, string? email, string? phone)
    {
        var result = await db.Get<MemberService>().CreateAsync(new NewMember(name, email, phone, optIn), TestUsers.Staff, CancellationToken.None);
        Assert.True(result.Succeeded);
        await using var context = db.Open();
        await context.Members.Where(m => m.Id == result.Value!.MemberId).ExecuteUpdateAsync(set => set.SetProperty(m => m.TierId, tierId));
        return result.Value!.MemberId;
    }
}
