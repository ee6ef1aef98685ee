using MemberCards.Purchases;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.Purchases;

/// <summary>
/// Property-style: generated baskets (random lines, quantities and prices at the edges of what is allowed and just
/// past them) are quoted, then saved; the save posts exactly what the quote priced, or refuses with exactly its refusals.
/// </summary>
public sealed class QuoteAndPostingTests : IAsyncLifetime
{
    private const long MaxPrice = 100_000;
    private TestDatabase _db = null!;
    private int _member;
    private int[] _products = [];

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _member = await _db.AddMemberAsync();
        _products =
        [
            await _db.AddProductAsync("Free Water", 0, "Beverages"),
            await _db.AddProductAsync("Penny Sweet", 1, "Snacks"),
            await _db.AddProductAsync("Latte", 450),
            await _db.AddProductAsync("Espresso Machine", MaxPrice, "Merchandise"),
            await _db.AddProductAsync("Retired Muffin", 300, "Bakery", active: false),
        ];
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    // Mostly values at the edges of what is allowed, now and then one just past an edge (a refused basket).
    private static readonly int[] Quantities = [1, 1, 2, 9_999];
    private static readonly int[] BadQuantities = [0, -1, 10_000];
    private static readonly long?[] Prices = [null, null, null, 0, 1, MaxPrice, 12_345];
    private static readonly long?[] BadPrices = [-1, MaxPrice + 1];

    private static T Pick<T>(Random random, T[] good, T[] bad) => random.NextDouble() < 0.04 ? bad[random.Next(bad.Length)] : good[random.Next(good.Length)];

    private Basket Generate(Random random)
    {
        var lines = Enumerable.Range(0, random.Next(random.NextDouble() < 0.05 ? 0 : 1, 11)).Select(_ => new NewPurchaseLine(
            Pick(random, _products[..^1], [_products[^1], 999_999]),
            random.NextDouble() < 0.3 ? random.Next(1, 50) : Pick(random, Quantities, BadQuantities),
            Pick(random, Prices, BadPrices)));
        return new Basket(_member, [.. lines]);
    }

    [Fact]
    public async Task Every_generated_basket_is_posted_as_quoted_or_refused_with_the_quotes_refusals()
    {
        var random = new Random(13);
        var purchases = _db.Get<PurchaseService>();
        var (posted, refused, spent) = (0, 0, 0L);
        for (var i = 0; i < 60; i++)
        {
            var basket = Generate(random);
            var receipt = await purchases.QuoteAsync(basket, TestUsers.Staff, CancellationToken.None);
            var saved = await purchases.RecordAsync(new NewPurchase(_member, basket.Lines), TestUsers.Staff, CancellationToken.None);

            if (!receipt.CanPost)
            {
                Assert.Equal(receipt.Refusals, saved.Errors);
                refused++;
                continue;
            }
            Assert.True(saved.Succeeded);
            Assert.Equal(receipt.AmountDueMinor, saved.Value!.TotalMinor);
            await using var db = _db.Open();
            var lines = await db.PurchaseLines.Where(l => l.PurchaseId == saved.Value.PurchaseId).OrderBy(l => l.Id)
                .Select(l => new { l.ProductId, l.Quantity, l.UnitPriceMinor, l.NetMinor }).ToListAsync();
            Assert.Equal(receipt.Lines.Select(l => new { l.ProductId, l.Quantity, l.UnitPriceMinor, l.NetMinor }), lines);
            spent += receipt.AmountDueMinor;
            posted++;
            Assert.Equal(spent, (await db.Members.SingleAsync(m => m.Id == _member)).TotalSpentMinor);
        }

        Assert.True(posted >= 10 && refused >= 10, $"the generator reaches both sides ({posted} posted, {refused} refused)");
        Assert.Empty(await _db.Get<FiguresCheck>().FindMismatchesAsync(TestUsers.Manager, CancellationToken.None));
    }
}
