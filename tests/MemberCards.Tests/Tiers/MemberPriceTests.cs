using MemberCards.Purchases;

namespace MemberCards.Tests.Tiers;

/// <summary>The member price at the till: per line, half-up to the fen, excluded categories at list, nets adding up.</summary>
public sealed class MemberPriceTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private TierScenario _shop = null!;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _shop = await TierScenario.CreateAsync(_db);
    }

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task A_gold_member_pays_9_5_zhe_on_eligible_lines_rounded_half_up_per_line_and_list_on_gift_cards()
    {
        var ada = await _db.AddMemberAsync();
        await _db.RecordAsync(ada, _db.Clock.UtcNow, (_shop.MealId, 30));
        var gift = await _shop.GiftCardAsync(50_000);
        await _db.Get<MemberCards.CardValue.CardRulesService>().SavePointsRuleAsync(new MemberCards.CardValue.PointsRule { EarnPointsPerYuan = 1 }, TestUsers.Manager, CancellationToken.None);

        var receipt = await _db.Get<PurchaseService>().QuoteAsync(new Basket(ada, [new(_shop.MealId, 1), new(_shop.CookieId, 3), new(gift, 1)]), TestUsers.Staff, CancellationToken.None);

        // 10000 × 0.95 = 9500; 999 × 0.95 = 949.05 → 949; the gift card keeps its ¥500.
        Assert.Equal([(10_000L, -500L, 9_500L), (999L, -50L, 949L), (50_000L, 0L, 50_000L)],
            receipt.Lines.Select(l => (l.ListMinor, l.AdjustedBy(QuoteStage.MemberPrice), l.NetMinor)));
        Assert.Equal((60_449L, 550L), (receipt.AmountDueMinor, receipt.MemberDiscountMinor));
        // floor(60449 fen × 1 point per yuan × 150% / 100) = 906.
        Assert.Equal(906, receipt.PointsEarned);
    }

    [Fact]
    public async Task The_recorded_lines_keep_list_discount_and_net_and_spend_counts_the_net()
    {
        var ada = await _db.AddMemberAsync();
        await _db.RecordAsync(ada, _db.Clock.UtcNow, (_shop.MealId, 30));
        var id = await _db.RecordAsync(ada, _db.Clock.UtcNow, (_shop.CookieId, 7));

        var purchase = await _shop.PurchaseAsync(id);
        var line = purchase.Lines.Single();
        // 2331 × 0.95 = 2214.45 → 2214.
        Assert.Equal((333L, 7, 117L, 2_214L), (line.UnitPriceMinor, line.Quantity, line.MemberDiscountMinor, line.NetMinor));
        Assert.Equal(2_214, purchase.TotalMinor);
        await using var context = _db.Open();
        Assert.Equal(302_214, context.Members.Single(m => m.Id == ada).TotalSpentMinor);
    }
}
