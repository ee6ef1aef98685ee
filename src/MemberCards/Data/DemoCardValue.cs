using MemberCards.Accounts;
using MemberCards.CardValue;
using MemberCards.Members;
using MemberCards.Purchases;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Data;

/// <summary>
/// The demo's card value: a points rule (12 months' expiry, so the oldest points have expired by the first start's
/// expiry run), three top-up rules (充200送20, 充500送80, 充1000送200 + 200 points), one or two top-ups for about
/// 30 % of the members and a few purchases each paid from the card, the rest in cash — written through the same
/// top-up and purchase postings as the till, inside the fill's transaction. Its own random stream, so the history
/// before it is the same as without it.
/// </summary>
public static class DemoCardValue
{
    private static readonly long[] TopUpAmounts = [20_000, 30_000, 50_000, 50_000, 100_000];
    private static readonly PaymentMethod[] Methods = [PaymentMethod.WeChatPay, PaymentMethod.WeChatPay, PaymentMethod.Alipay, PaymentMethod.Cash, PaymentMethod.BankCard];

    public const double DemoShare = 0.3;

    /// <param name="share">The part of the members who top up (the demo: <see cref="DemoShare"/>).</param>
    public static async Task AddAsync(MemberCardsDb db, StoreClock clock, int seed, double share, CancellationToken cancellationToken)
    {
        var random = new Random(seed + 2);
        var pointsRule = new PointsRule { Expiry = PointsExpiryPolicy.MonthsAfterEarning, ExpiryMonths = 12, Version = 1 };
        db.PointsRules.Add(pointsRule);
        List<TopUpRule> rules =
        [
            new() { ThresholdMinor = 20_000, BonusMinor = 2_000, Version = 1 },
            new() { ThresholdMinor = 50_000, BonusMinor = 8_000, Version = 1 },
            new() { ThresholdMinor = 100_000, BonusMinor = 20_000, BonusPoints = 200, Version = 1 },
        ];
        db.TopUpRules.AddRange(rules);
        await db.SaveChangesAsync(cancellationToken);

        var now = clock.UtcNow;
        var members = await db.Members.AsNoTracking().Where(m => m.Status == MemberStatus.Active).OrderBy(m => m.Id)
            .Select(m => new { m.Id, m.JoinedAt }).ToListAsync(cancellationToken);
        var products = await db.Products.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.Id).ToDictionaryAsync(p => p.Id, cancellationToken);
        var productIds = products.Keys.ToList();
        foreach (var member in members.Where(_ => random.NextDouble() < share))
        {
            var start = member.JoinedAt > now.AddMonths(-18) ? member.JoinedAt : now.AddMonths(-18);
            var at = start.AddMinutes(random.NextDouble() * (now - start).TotalMinutes * 0.8);
            for (var topUps = random.Next(1, 3); topUps > 0 && at < now; topUps--)
            {
                at = await TopUpAsync(db, member.Id, TopUpAmounts[random.Next(TopUpAmounts.Length)], Methods[random.Next(Methods.Length)], rules, pointsRule, at, clock, cancellationToken);
                for (var visits = random.Next(1, 5); visits > 0; visits--)
                {
                    at = at.AddHours(random.Next(20, 24 * 20));
                    if (at >= now)
                    {
                        break;
                    }
                    var lines = Enumerable.Range(0, random.Next(1, 3)).Select(_ => new NewPurchaseLine(productIds[random.Next(productIds.Count)], 1)).ToList();
                    await PayFromCardAsync(db, member.Id, lines, products, pointsRule, at, clock, cancellationToken);
                }
            }
            db.ChangeTracker.Clear();
        }
    }

    private static async Task<DateTime> TopUpAsync(MemberCardsDb db, int memberId, long amountMinor, PaymentMethod method, List<TopUpRule> rules, PointsRule pointsRule,
        DateTime at, StoreClock clock, CancellationToken cancellationToken)
    {
        var day = DateOnly.FromDateTime(clock.ToLocal(at));
        var rule = TopUpRule.Best(rules, amountMinor, day);
        var quote = new TopUpQuote(amountMinor, rule?.BonusFor(amountMinor) ?? 0, rule?.BonusPoints ?? 0, rule, await BalancesAsync(db, memberId, cancellationToken), []);
        await TopUpService.WriteAsync(db, new NewTopUp(memberId, amountMinor, method), quote, at, pointsRule.ExpiresOn(day), Access.System.Identity!.Name!, clock, cancellationToken);
        return at;
    }

    private static async Task PayFromCardAsync(MemberCardsDb db, int memberId, List<NewPurchaseLine> lines, Dictionary<int, Products.Product> products, PointsRule pointsRule,
        DateTime at, StoreClock clock, CancellationToken cancellationToken)
    {
        var card = await BalancesAsync(db, memberId, cancellationToken);
        var context = new QuoteContext(MemberStatus.Active, products, QuoteRules.History, card, pointsRule);
        var due = Quote.Price(new Basket(memberId, lines), context).AmountDueMinor;
        var fromCard = Math.Min(due, card.StoredValueMinor);
        List<Tender> tenders = fromCard == due
            ? [new Tender(PaymentMethod.StoredValue, due)]
            : [new Tender(PaymentMethod.StoredValue, fromCard), new Tender(PaymentMethod.Cash, due - fromCard)];
        var receipt = Quote.Price(new Basket(memberId, lines, Tenders: [.. tenders.Where(t => t.AmountMinor > 0)]), context);
        var details = new PostingDetails(at, at, PointsExpireOn: pointsRule.ExpiresOn(DateOnly.FromDateTime(clock.ToLocal(at))));
        await PurchasePosting.PostAsync(db, receipt, details, clock, Access.System, cancellationToken);
    }

    private static async Task<CardBalances> BalancesAsync(MemberCardsDb db, int memberId, CancellationToken cancellationToken) =>
        await db.Members.Where(m => m.Id == memberId).Select(m => new CardBalances(m.PrincipalMinor, m.BonusMinor, m.Points)).SingleAsync(cancellationToken);
}
