using MemberCards.CardValue;
using MemberCards.Purchases;
using MemberCards.Tests.CardValue;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.Purchases;

/// <summary>
/// The bulk load computes the card effects a single posting does (ARCHITECTURE.md, "Bulk posting: the same steps
/// computing the same effects"): the same history recorded at the till in one database and loaded in bulk in
/// another leaves the same ledger, lots, lot uses, tenders, receipts and balances.
/// </summary>
public sealed class BulkCardPostingTests : IAsyncLifetime
{
    private static readonly DateTime Start = TestDatabase.DefaultNow.AddDays(-20);
    private TestDatabase _tillDb = null!;
    private TestDatabase _bulkDb = null!;
    private CardScenario _till = null!;
    private CardScenario _bulk = null!;

    // The history: a top-up under 充500送80 + 100 points, then three bills — all from the card, points as cash with
    // the rest from the card, and card and cash together — each earning points.
    private static readonly (int Meals, int Coffees, long Points, long FromCardMinor, long CashMinor)[] Bills =
        [(2, 0, 0, 12_000, 0), (1, 0, 200, 5_800, 0), (1, 1, 0, 3_000, 5_000)];

    public async ValueTask InitializeAsync()
    {
        (_tillDb, _bulkDb) = (await TestDatabase.CreateAsync(), await TestDatabase.CreateAsync());
        (_till, _bulk) = (await CardScenario.CreateAsync(_tillDb), await CardScenario.CreateAsync(_bulkDb));
        foreach (var shop in new[] { _till, _bulk })
        {
            await shop.AddTopUpRuleAsync(50_000, bonusMinor: 8_000, bonusPoints: 100);
            await shop.SetPointsRuleAsync(rule => rule.RedeemMinimumPoints = 100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _tillDb.DisposeAsync();
        await _bulkDb.DisposeAsync();
    }

    [Fact]
    public async Task A_bulk_load_writes_the_card_entries_lots_tenders_and_balances_the_till_writes_and_a_void_reverses_them_alike()
    {
        _tillDb.Clock.UtcNow = Start;
        await _till.TopUpAsync(50_000);
        for (var i = 0; i < Bills.Length; i++)
        {
            _tillDb.Clock.UtcNow = Start.AddDays(i + 1);
            var bill = Bills[i];
            await _till.PayAsync(bill.Meals, bill.FromCardMinor, bill.CashMinor, bill.Points, bill.Coffees);
        }

        var loaded = await _bulkDb.Get<PurchaseImport>().LoadAsync(
            [.. Bills.Select((b, i) => new ImportedPurchase(_bulk.MemberId, Start.AddDays(i + 1), "staff@test", Lines(_bulk, b.Meals, b.Coffees)))],
            TestUsers.Manager, CancellationToken.None,
            new CardHistory([new ImportedTopUp(_bulk.MemberId, Start, 50_000, PaymentMethod.WeChatPay, "staff@test")], PayAsBilled()));

        Assert.True(loaded.Succeeded, CardScenario.Describe(loaded.Errors));
        Assert.Equal(await CardStateAsync(_tillDb), await CardStateAsync(_bulkDb));
        Assert.Equal(new CardBalances(50_000 - 10_345 - 5_000 - 2_586, 8_000 - 1_655 - 800 - 414, 100 + 120 - 200 + 58 + 80), await _bulk.BalancesAsync());
        await _bulk.AssertFiguresCleanAsync();

        // The void of the bill paid with points reads the lot uses the load wrote, and gives each lot its points back.
        _tillDb.Clock.UtcNow = _bulkDb.Clock.UtcNow = Start.AddDays(5);
        await _till.VoidAsync(2);
        await _bulk.VoidAsync(2);

        Assert.Equal(await CardStateAsync(_tillDb), await CardStateAsync(_bulkDb));
        await _bulk.AssertFiguresCleanAsync();
    }

    [Fact]
    public async Task Points_past_their_last_day_are_expired_before_the_members_next_purchase_in_the_load_as_the_daily_job_would_have()
    {
        await _bulk.SetPointsRuleAsync(rule => (rule.Expiry, rule.ExpiryMonths) = (PointsExpiryPolicy.MonthsAfterEarning, 1));
        var first = Start.AddDays(-60);

        var loaded = await _bulkDb.Get<PurchaseImport>().LoadAsync(
            [new ImportedPurchase(_bulk.MemberId, first, "import", Lines(_bulk, 1, 0)), new ImportedPurchase(_bulk.MemberId, Start, "import", Lines(_bulk, 0, 1))],
            TestUsers.Manager, CancellationToken.None);

        Assert.True(loaded.Succeeded, CardScenario.Describe(loaded.Errors));
        var ledger = await _bulk.LedgerAsync();
        Assert.Equal([(LedgerKind.Earn, 60L), (LedgerKind.Expire, -60L), (LedgerKind.Earn, 20L)], ledger.Select(e => (e.Kind, e.PointsDelta)));
        Assert.Equal(Start, ledger[1].At);
        Assert.Equal(20, (await _bulk.BalancesAsync()).Points);
        await _bulk.AssertFiguresCleanAsync();
    }

    [Fact]
    public async Task A_loaded_top_up_of_nothing_refuses_the_load_saying_which_top_up()
    {
        var loaded = await _bulkDb.Get<PurchaseImport>().LoadAsync([], TestUsers.Manager, CancellationToken.None,
            new CardHistory([new ImportedTopUp(_bulk.MemberId, Start, 50_000, PaymentMethod.Cash, "import"), new ImportedTopUp(_bulk.MemberId, Start, 0, PaymentMethod.Cash, "import")], (basket, _) => basket));

        var error = Assert.Single(loaded.Errors);
        Assert.Equal((MessageCode.InTopUp, 2), (error.Code, error.Args[0]));
        Assert.Equal(MessageCode.TopUpAmountNotPositive, Assert.IsType<FieldError>(error.Args[1]).Code);
        await using var db = _bulkDb.Open();
        Assert.False(await db.LedgerEntries.AnyAsync());
    }

    private static List<NewPurchaseLine> Lines(CardScenario shop, int meals, int coffees) =>
        [.. new[] { new NewPurchaseLine(shop.MealId, meals), new NewPurchaseLine(shop.CoffeeId, coffees) }.Where(l => l.Quantity > 0)];

    /// <summary>Pays each loaded bill as the till paid it, in order.</summary>
    private static ChoosePayment PayAsBilled()
    {
        var next = 0;
        return (basket, _) =>
        {
            var bill = Bills[next++];
            List<Tender> tenders = [new Tender(PaymentMethod.StoredValue, bill.FromCardMinor), .. bill.CashMinor > 0 ? [new Tender(PaymentMethod.Cash, bill.CashMinor)] : Array.Empty<Tender>()];
            return basket with { PointsToRedeem = bill.Points, Tenders = tenders };
        };
    }

    /// <summary>Every card row and receipt figure of the database, as text compared line by line.</summary>
    private static async Task<List<string>> CardStateAsync(TestDatabase database)
    {
        await using var db = database.Open();
        List<string> rows = [];
        rows.AddRange((await db.LedgerEntries.OrderBy(e => e.Id).ToListAsync()).Select(e =>
            $"entry {e.Id} {e.MemberId} {e.At:O} {e.Kind} {e.PrincipalDeltaMinor} {e.BonusDeltaMinor} {e.PointsDelta} {e.PrincipalAfterMinor} {e.BonusAfterMinor} {e.PointsAfter} {e.PurchaseId} {e.TopUpId} {e.ReversesEntryId} {e.By}"));
        rows.AddRange((await db.PointsLots.OrderBy(l => l.Id).ToListAsync()).Select(l => $"lot {l.Id} {l.MemberId} {l.EntryId} {l.EarnedAt:O} {l.ExpiresOn} {l.EarnedPoints} {l.RemainingPoints}"));
        rows.AddRange((await db.PointsLotUses.OrderBy(u => u.Id).ToListAsync()).Select(u => $"use {u.EntryId} {u.LotId} {u.Points}"));
        rows.AddRange((await db.TopUps.OrderBy(t => t.Id).ToListAsync()).Select(t => $"top-up {t.Id} {t.MemberId} {t.At:O} {t.AmountMinor} {t.BonusMinor} {t.BonusPoints} {t.Method} {t.RuleId}"));
        rows.AddRange((await db.Purchases.OrderBy(p => p.Id).ToListAsync()).Select(p => $"purchase {p.Id} {p.TotalMinor} {p.PointsRedeemed} {p.PointsEarned} {p.VoidedAt:O}"));
        rows.AddRange((await db.PurchaseLines.OrderBy(l => l.Id).ToListAsync()).Select(l => $"line {l.PurchaseId} {l.ProductId} {l.NetMinor} {l.PointsDiscountMinor}"));
        rows.AddRange((await db.PurchaseTenders.OrderBy(t => t.Id).ToListAsync()).Select(t => $"tender {t.PurchaseId} {t.Method} {t.AmountMinor}"));
        rows.AddRange((await db.Members.OrderBy(m => m.Id).ToListAsync()).Select(m => $"member {m.Id} {m.PrincipalMinor} {m.BonusMinor} {m.Points} {m.PurchaseCount} {m.TotalSpentMinor}"));
        return rows;
    }
}
