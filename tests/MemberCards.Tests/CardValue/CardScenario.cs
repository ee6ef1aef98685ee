using MemberCards.CardValue;
using MemberCards.Purchases;

namespace MemberCards.Tests.CardValue;

/// <summary>
/// A shop with stored value and points: a member, a ¥60 set meal and a ¥20 coffee, and helpers that act through
/// the real services the way the till does, failing the test with the refusal when one is not expected.
/// </summary>
public sealed class CardScenario(TestDatabase db, int memberId, int mealId, int coffeeId)
{
    public TestDatabase Db { get; } = db;
    public int MemberId { get; } = memberId;
    public int MealId { get; } = mealId;
    public int CoffeeId { get; } = coffeeId;

    public static async Task<CardScenario> CreateAsync(TestDatabase db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var member = await db.AddMemberAsync("张三");
        var meal = await db.AddProductAsync("牛肉面套餐", 6_000, "面食");
        var coffee = await db.AddProductAsync("拿铁", 2_000, "咖啡");
        return new CardScenario(db, member, meal, coffee);
    }

    public async Task AddTopUpRuleAsync(long thresholdMinor, long bonusMinor = 0, int bonusPercent = 0, long bonusPoints = 0, DateOnly? from = null, DateOnly? to = null)
    {
        var saved = await Db.Get<CardRulesService>().SaveTopUpRuleAsync(
            new TopUpRuleInput(0, thresholdMinor, bonusMinor, bonusPercent, bonusPoints, from, to, true), TestUsers.Manager, CancellationToken.None);
        Assert.True(saved.Succeeded, Describe(saved.Errors));
    }

    public async Task SetPointsRuleAsync(Action<PointsRule>? change = null)
    {
        var current = await Db.Get<CardRulesService>().PointsRuleAsync(TestUsers.Manager, CancellationToken.None);
        var rule = new PointsRule { Version = current?.Version ?? 0 };
        change?.Invoke(rule);
        var saved = await Db.Get<CardRulesService>().SavePointsRuleAsync(rule, TestUsers.Manager, CancellationToken.None);
        Assert.True(saved.Succeeded, Describe(saved.Errors));
    }

    public Task<Result<RecordedTopUp>> TryTopUpAsync(long amountMinor, PaymentMethod method = PaymentMethod.WeChatPay, int? memberId = null) =>
        Db.Get<TopUpService>().RecordAsync(new NewTopUp(memberId ?? MemberId, amountMinor, method), TestUsers.Staff, CancellationToken.None);

    public async Task<RecordedTopUp> TopUpAsync(long amountMinor)
    {
        var result = await TryTopUpAsync(amountMinor);
        Assert.True(result.Succeeded, Describe(result.Errors));
        return result.Value!;
    }

    public Task<Result<RecordedPurchase>> TryPayAsync(int meals, long fromCardMinor, long otherMinor = 0, long points = 0, int coffees = 0)
    {
        List<NewPurchaseLine> lines = [];
        if (meals > 0)
        {
            lines.Add(new NewPurchaseLine(MealId, meals));
        }
        if (coffees > 0)
        {
            lines.Add(new NewPurchaseLine(CoffeeId, coffees));
        }
        List<Tender> tenders = [];
        if (fromCardMinor > 0)
        {
            tenders.Add(new Tender(PaymentMethod.StoredValue, fromCardMinor));
        }
        if (otherMinor > 0)
        {
            tenders.Add(new Tender(PaymentMethod.Cash, otherMinor));
        }
        return Db.Get<PurchaseService>().RecordAsync(new NewPurchase(MemberId, lines, PointsToRedeem: points, Tenders: tenders), TestUsers.Staff, CancellationToken.None);
    }

    public async Task<int> PayAsync(int meals, long fromCardMinor, long otherMinor = 0, long points = 0, int coffees = 0)
    {
        var result = await TryPayAsync(meals, fromCardMinor, otherMinor, points, coffees);
        Assert.True(result.Succeeded, Describe(result.Errors));
        return result.Value!.PurchaseId;
    }

    public async Task VoidAsync(int purchaseId)
    {
        var result = await Db.Get<PurchaseService>().VoidAsync(purchaseId, "Entered twice", TestUsers.Manager, CancellationToken.None);
        Assert.True(result.Succeeded, Describe(result.Errors));
    }

    public async Task<CardBalances> BalancesAsync(int? memberId = null) =>
        (await Db.Get<CardValueService>().ValueAsync(memberId ?? MemberId, TestUsers.Staff, CancellationToken.None))!.Balances;

    public async Task<IReadOnlyList<LedgerRow>> LedgerAsync() =>
        [.. (await Db.Get<CardValueService>().LedgerAsync(MemberId, 0, TestUsers.Staff, CancellationToken.None)).Rows.Reverse()];

    public async Task AssertFiguresCleanAsync() =>
        Assert.Empty(await Db.Get<FiguresCheck>().FindMismatchesAsync(TestUsers.Manager, CancellationToken.None));

    public static string Describe(IEnumerable<FieldError> errors) =>
        string.Join("; ", errors.Select(e => $"{e.Field}: {e.Code} {string.Join(", ", e.Args)}"));
}
