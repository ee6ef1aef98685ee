using MemberCards.CardValue;
using MemberCards.Purchases;

namespace MemberCards.Data;

/// <summary>
/// The demo's card value: a points rule (12 months' expiry, so the oldest points have expired by the first start's
/// expiry run) under which every purchase of the history earns, three top-up rules (充200送20, 充500送80, 充1000送200
/// + 200 points), and about 30 % of the members, regulars more likely, holding a card they top up whenever it would
/// not cover their next basket and pay from, now and then with points as cash. Loaded with the history through the bulk posting
/// (<see cref="PurchaseImport"/>), which computes every effect as the till does. Its own random streams, so the
/// history's members, times and baskets are the same as without it.
/// </summary>
public static class DemoCardValue
{
    private static readonly long[] TopUpAmounts = [20_000, 30_000, 50_000, 50_000, 100_000];
    private static readonly PaymentMethod[] Methods = [PaymentMethod.WeChatPay, PaymentMethod.WeChatPay, PaymentMethod.Alipay, PaymentMethod.Cash, PaymentMethod.BankCard];

    public const double DemoShare = 0.3;

    // A card holder with this many points uses them on about every other bill.
    private const long RedeemFrom = 500;

    /// <summary>The demo's points rule and top-up rules, written before the history, which earns and tops up under them.</summary>
    public static IReadOnlyList<TopUpRule> AddRules(MemberCardsDb db)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.PointsRules.Add(new PointsRule { Expiry = PointsExpiryPolicy.MonthsAfterEarning, ExpiryMonths = 12, Version = 1 });
        List<TopUpRule> rules =
        [
            new() { ThresholdMinor = 20_000, BonusMinor = 2_000, Version = 1 },
            new() { ThresholdMinor = 50_000, BonusMinor = 8_000, Version = 1 },
            new() { ThresholdMinor = 100_000, BonusMinor = 20_000, BonusPoints = 200, Version = 1 },
        ];
        db.TopUpRules.AddRange(rules);
        return rules;
    }

    /// <summary>
    /// The card side of <paramref name="purchases"/> (in time order) for <paramref name="share"/> of
    /// <paramref name="activeMemberIds"/>: a top-up just before each basket their card would not cover at list
    /// prices, and their purchases paid from the card.
    /// </summary>
    public static CardHistory Plan(IReadOnlyList<ImportedPurchase> purchases, IReadOnlyList<int> activeMemberIds, IReadOnlyDictionary<int, long> unitPrices,
        IReadOnlyList<TopUpRule> rules, StoreClock clock, int seed, double share)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        ArgumentNullException.ThrowIfNull(activeMemberIds);
        ArgumentNullException.ThrowIfNull(unitPrices);
        ArgumentNullException.ThrowIfNull(clock);
        var random = new Random(seed + 2);
        // Regulars keep value on a card more often: the chance falls from twice the share for the member who buys
        // most to none for one who never buys, so about the share of the members hold a card, and more of the trade.
        var visits = purchases.CountBy(p => p.MemberId).ToDictionary();
        var byVisits = activeMemberIds.OrderByDescending(visits.GetValueOrDefault).ThenBy(id => id).ToList();
        var holders = byVisits.Where((_, rank) => random.NextDouble() < 2 * share * (1 - rank / (double)byVisits.Count)).ToHashSet();
        // Roughly what each holder's card holds: enough to decide when they top up; the load computes the real balances.
        var held = new Dictionary<int, long>();
        var topUps = new List<ImportedTopUp>();
        foreach (var purchase in purchases.Where(p => holders.Contains(p.MemberId)))
        {
            var listMinor = purchase.Lines.Sum(l => l.Quantity * (l.UnitPriceMinor ?? unitPrices[l.ProductId]));
            var card = held.GetValueOrDefault(purchase.MemberId);
            if (card < listMinor)
            {
                var amount = TopUpAmounts[random.Next(TopUpAmounts.Length)];
                card += amount + (TopUpRule.Best(rules, amount, DateOnly.FromDateTime(clock.ToLocal(purchase.PurchasedAt)))?.BonusFor(amount) ?? 0);
                topUps.Add(new ImportedTopUp(purchase.MemberId, purchase.PurchasedAt, amount, Methods[random.Next(Methods.Length)], purchase.RecordedBy));
            }
            held[purchase.MemberId] = card - listMinor;
        }
        var paying = new Random(seed + 3);
        return new CardHistory(topUps, (basket, price) => basket.MemberId is { } id && holders.Contains(id) ? PayFromCard(basket, price, paying) : basket);
    }

    /// <summary>Points as cash now and then (asking for all held; over the bill's cap, for the most the quote allows), the rest from the card as far as it holds.</summary>
    private static Basket PayFromCard(Basket basket, Func<Basket, PricedReceipt> price, Random random)
    {
        var card = price(basket).Card;
        var chosen = basket;
        if (card.Points >= RedeemFrom && random.NextDouble() < 0.5)
        {
            var asked = basket with { PointsToRedeem = card.Points };
            var tried = price(asked);
            // As the dialog tells the cashier: more than the bill allows is refused with the most it allows.
            if (tried.Refusals is [{ Code: MessageCode.PointsRedeemOverCap, Args: [long most, ..] }] && most > 0)
            {
                tried = price(asked = basket with { PointsToRedeem = most });
            }
            chosen = tried.CanPost ? asked : basket;
        }
        var due = price(chosen).AmountDueMinor;
        var fromCard = Math.Min(due, card.StoredValueMinor);
        Tender[] tenders = fromCard == due ? [new Tender(PaymentMethod.StoredValue, due)]
            : fromCard == 0 ? [new Tender(PaymentMethod.Cash, due)]
            : [new Tender(PaymentMethod.StoredValue, fromCard), new Tender(PaymentMethod.Cash, due - fromCard)];
        return chosen with { Tenders = tenders };
    }
}
