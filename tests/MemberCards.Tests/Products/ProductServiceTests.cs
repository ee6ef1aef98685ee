using System.Text.Json;
using MemberCards.Accounts;
using MemberCards.Auditing;
using MemberCards.Products;
using MemberCards.Purchases;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.Products;

public sealed class ProductServiceTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private int _member;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _member = await _db.AddMemberAsync();
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private ProductService Products => _db.Get<ProductService>();

    private async Task<ProductRow> AddAsync(string name = "Latte", string category = "Coffee", long price = 450)
    {
        var added = await Products.AddAsync(new ProductInput(name, category, price), TestUsers.Manager, CancellationToken.None);
        Assert.True(added.Succeeded, string.Join("; ", added.Errors.Select(e => e.Code)));
        return (await Products.ListAsync(TestUsers.Manager, CancellationToken.None)).Single(p => p.Id == added.Value);
    }

    private async Task<List<AuditEntry>> EntriesAsync()
    {
        await using var db = _db.Open();
        return await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == nameof(Product)).OrderBy(e => e.Id).ToListAsync();
    }

    [Fact]
    public async Task A_manager_adds_a_product_that_is_then_sold_and_audited()
    {
        var latte = await AddAsync(" Latte ", " Coffee ");

        Assert.Equal(("Latte", "Coffee", 450L, true, false), (latte.Name, latte.Category, latte.UnitPriceMinor, latte.IsActive, latte.HasSales));
        Assert.Contains(new CatalogItem(latte.Id, "Latte", "Coffee", 450), await Products.CatalogAsync(TestUsers.Staff, CancellationToken.None));
        var entry = Assert.Single(await EntriesAsync());
        Assert.Equal((AuditActions.ProductCreated, "manager@test", $"{latte.Id}"), (entry.Action, entry.UserName, entry.EntityId));
        Assert.Equal(450, JsonDocument.Parse(entry.Details!).RootElement.GetProperty("UnitPriceMinor").GetInt64());
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field_and_nothing_is_added()
    {
        await AddAsync("Latte");

        var blank = await Products.AddAsync(new ProductInput(" ", "", -1), TestUsers.Manager, CancellationToken.None);
        var taken = await Products.AddAsync(new ProductInput("LATTE", "Coffee", 100_001), TestUsers.Manager, CancellationToken.None);

        Assert.Equal(["Name", "Category", "UnitPriceMinor"], blank.Errors.Select(e => e.Field));
        Assert.Equal(MessageCode.PriceNegative, blank.Errors[2].Code);
        Assert.Equal(
            [new FieldError("Name", MessageCode.ProductNameTaken, "LATTE"),
             new FieldError("UnitPriceMinor", MessageCode.PriceTooHigh, "$1,000.00")],
            taken.Errors);
        Assert.Single(await Products.ListAsync(TestUsers.Manager, CancellationToken.None));
    }

    [Fact]
    public async Task A_price_change_applies_to_new_purchases_only()
    {
        var latte = await AddAsync();
        var old = await _db.RecordAsync(_member, TestDatabase.DefaultNow.AddDays(-2), (latte.Id, 2));

        var changed = await Products.UpdateAsync(latte.Id, latte.Version, new ProductInput("Latte", "Coffee", 500), TestUsers.Manager, CancellationToken.None);
        var recent = await _db.RecordAsync(_member, TestDatabase.DefaultNow, (latte.Id, 1));

        Assert.True(changed.Succeeded);
        await using var db = _db.Open();
        var prices = await db.PurchaseLines.OrderBy(l => l.PurchaseId).Select(l => new { l.PurchaseId, l.UnitPriceMinor }).ToListAsync();
        Assert.Equal([(old, 450L), (recent, 500L)], prices.Select(p => (p.PurchaseId, p.UnitPriceMinor)));
        Assert.Equal(900, (await db.Purchases.SingleAsync(p => p.Id == old)).TotalMinor);
        Assert.Equal(1400, (await db.Members.SingleAsync(m => m.Id == _member)).TotalSpentMinor);
        Assert.Equal("""{"UnitPriceMinor":[450,500]}""", (await EntriesAsync())[^1].Details);
    }

    [Fact]
    public async Task An_edit_made_on_a_stale_version_is_refused_and_the_first_edit_stays()
    {
        var latte = await AddAsync();
        var first = await Products.UpdateAsync(latte.Id, latte.Version, new ProductInput("Latte", "Coffee", 480), TestUsers.Manager, CancellationToken.None);

        var stale = await Products.UpdateAsync(latte.Id, latte.Version, new ProductInput("Caffè Latte", "Coffee", 450), TestUsers.Manager, CancellationToken.None);

        Assert.True(first.Succeeded);
        Assert.Equal(FieldError.Of(MessageCode.ProductChangedByOther, "Latte", "Coffee", "$4.80", ProductStatus.Active), Assert.Single(stale.Errors));
        var now = (await Products.ListAsync(TestUsers.Manager, CancellationToken.None)).Single();
        Assert.Equal(("Latte", 480L, latte.Version + 1), (now.Name, now.UnitPriceMinor, now.Version));
        Assert.Equal([AuditActions.ProductCreated, AuditActions.ProductChanged], (await EntriesAsync()).Select(e => e.Action));
    }

    [Fact]
    public async Task A_deactivated_product_cannot_be_sold_until_it_is_reactivated()
    {
        var latte = await AddAsync();

        var off = await Products.SetActiveAsync(latte.Id, latte.Version, false, TestUsers.Manager, CancellationToken.None);
        var refused = await _db.Get<PurchaseService>().RecordAsync(new NewPurchase(_member, [new NewPurchaseLine(latte.Id, 1)]), TestUsers.Staff, CancellationToken.None);
        Assert.Empty(await Products.CatalogAsync(TestUsers.Staff, CancellationToken.None));
        var on = await Products.SetActiveAsync(latte.Id, off.Value, true, TestUsers.Manager, CancellationToken.None);

        Assert.Equal((MessageCode.ProductNotSold, "Latte"), (Assert.Single(refused.Errors).Code, refused.Errors[0].Args[0]));
        Assert.True(on.Succeeded);
        Assert.Single(await Products.CatalogAsync(TestUsers.Staff, CancellationToken.None));
        Assert.Equal([AuditActions.ProductCreated, AuditActions.ProductDeactivated, AuditActions.ProductReactivated], (await EntriesAsync()).Select(e => e.Action));
    }

    [Fact]
    public async Task A_product_with_sales_is_never_deleted_but_one_without_sales_may_be()
    {
        var sold = await AddAsync("Latte");
        var unsold = await AddAsync("Typo Lattte");
        await _db.RecordAsync(_member, TestDatabase.DefaultNow, (sold.Id, 1));

        var refused = await Products.DeleteAsync(sold.Id, sold.Version, TestUsers.Manager, CancellationToken.None);
        var deleted = await Products.DeleteAsync(unsold.Id, unsold.Version, TestUsers.Manager, CancellationToken.None);

        Assert.Equal(FieldError.Of(MessageCode.ProductHasSales, "Latte"), Assert.Single(refused.Errors));
        Assert.True(deleted.Succeeded);
        var left = Assert.Single(await Products.ListAsync(TestUsers.Manager, CancellationToken.None));
        Assert.Equal(("Latte", true), (left.Name, left.HasSales));
        Assert.Equal(AuditActions.ProductDeleted, (await EntriesAsync())[^1].Action);
    }

    [Fact]
    public async Task Only_managers_change_the_catalog()
    {
        var latte = await AddAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(() => Products.AddAsync(new ProductInput("Mocha", "Coffee", 500), TestUsers.Staff, CancellationToken.None));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Products.SetActiveAsync(latte.Id, latte.Version, false, TestUsers.Staff, CancellationToken.None));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Products.CatalogAsync(TestUsers.Marketing, CancellationToken.None));
        Assert.Single(await Products.ListAsync(TestUsers.Manager, CancellationToken.None));
    }
}
