using MemberCards.Purchases;

namespace MemberCards.Tests.Purchases;

public sealed class PurchaseListTests
{
    [Fact]
    public async Task Purchases_list_newest_first_with_voids_marked_and_items_counted()
    {
        var now = TestDatabase.DefaultNow;
        await using var db = await TestDatabase.CreateAsync();
        var member = await db.AddMemberAsync("Ada");
        var coffee = await db.AddProductAsync("Coffee", 100);
        var bun = await db.AddProductAsync("Bun", 250);
        var older = await db.RecordAsync(member, now.AddDays(-2), (coffee, 2), (bun, 1));
        var newer = await db.RecordAsync(member, now.AddDays(-1), (coffee, 1));
        await db.Get<PurchaseService>().VoidAsync(older, "Entered twice", TestUsers.Manager, CancellationToken.None);

        var page = await db.Get<PurchaseSearch>().ListAsync(new PurchaseQuery(PageSize: 10), TestUsers.Staff, CancellationToken.None);

        Assert.Equal(2, page.Total);
        Assert.Equal([(newer, 1, 100L, false), (older, 3, 450L, true)], page.Rows.Select(r => (r.Id, r.Items, r.TotalMinor, r.IsVoid)));
        Assert.Equal("Entered twice", page.Rows[1].VoidReason);
    }
}
