using System.Globalization;
using MemberCards.CardValue;
using MemberCards.Coupons;
using MemberCards.Members;
using MemberCards.Products;
using MemberCards.Tiers;

namespace MemberCards.Purchases;

/// <summary>
/// The fixed order in which a basket is priced (ARCHITECTURE.md, "Checkout and posting"). Later stages see what
/// earlier ones did: a coupon's threshold is checked on the amount after member prices, points are earned on
/// what was paid.
/// </summary>
public enum QuoteStage
{
    Lines = 0,
    MemberPrice = 1,
    Coupon = 2,
    PointsAsCash = 3,
    Tenders = 4,
    PointsEarned = 5,
}

/// <summary>What a quote may refuse differently by path: the till sells only active products up to the price ceiling.</summary>
public sealed record QuoteRules(bool RequireActiveProducts, bool RequireActiveCard, long MaxUnitPriceMinor, CultureInfo Culture)
{
    /// <summary>History being loaded (the import, demo data): products since deactivated and closed cards are facts, not mistakes.</summary>
    public static QuoteRules History { get; } = new(false, false, long.MaxValue / PurchaseRules.MaxQuantity, CultureInfo.InvariantCulture);
}

/// <summary>Everything a quote reads, loaded by the caller, so pricing itself touches no database.</summary>
/// <param name="Card">The member's balances as read in the caller's transaction.</param>
/// <param name="PointsRule">The store's points rule; null: no points are earned or redeemed.</param>
/// <param name="Tier">The tier the member holds before this purchase (its member price and points multiplier); null: list prices.</param>
/// <param name="Coupons">The coupons whose codes the basket names (whoever holds them), with their templates.</param>
/// <param name="Day">The store day of the purchase: coupons' dates and days of the week are checked on it.</param>
public sealed record QuoteContext(MemberStatus? MemberStatus, IReadOnlyDictionary<int, Product> Products, QuoteRules Rules,
    CardBalances Card = default, PointsRule? PointsRule = null, SpendOrder SpendOrder = SpendOrder.Proportional, Tier? Tier = null,
    IReadOnlyList<HeldCoupon>? Coupons = null, DateOnly Day = default, string? MergedIntoCard = null)
{
    public IReadOnlyList<HeldCoupon> Coupons { get; init; } = Coupons ?? [];
}

/// <summary>A receipt being priced, handed from step to step.</summary>
public sealed class QuoteDraft(Basket basket)
{
    public Basket Basket { get; } = basket;
    public List<PricedLine> Lines { get; } = [];
    public List<FieldError> Refusals { get; } = [];
    public List<AppliedCoupon> Coupons { get; } = [];
    public long PointsRedeemed { get; set; }
    public List<Tender> Tenders { get; } = [];
    public StoredValueSplit FromCard { get; set; }
    public long PointsEarned { get; set; }

    public long AmountDueMinor => Lines.Sum(l => l.NetMinor);

    /// <summary>
    /// Spreads a receipt-level discount over <paramref name="eligible"/> lines in proportion to their net amounts,
    /// by largest remainder, so the shares add up to the discount exactly (ARCHITECTURE.md, "Receipt-level discounts").
    /// </summary>
    public void Allocate(QuoteStage stage, string reason, long discountMinor, Func<PricedLine, bool> eligible)
    {
        var targets = Lines.Select((line, i) => (line, i)).Where(t => eligible(t.line) && t.line.NetMinor > 0).ToList();
        var baseMinor = targets.Sum(t => t.line.NetMinor);
        if (discountMinor <= 0 || baseMinor == 0)
        {
            return;
        }
        var shares = targets.Select(t => (t.i, Floor: discountMinor * t.line.NetMinor / baseMinor, Remainder: discountMinor * t.line.NetMinor % baseMinor)).ToList();
        var left = discountMinor - shares.Sum(s => s.Floor);
        var extra = shares.OrderByDescending(s => s.Remainder).ThenBy(s => s.i).Take((int)left).Select(s => s.i).ToHashSet();
        foreach (var (i, floor, _) in shares)
        {
            var share = floor + (extra.Contains(i) ? 1 : 0);
            Lines[i] = Lines[i] with { Adjustments = [.. Lines[i].Adjustments, new LineAdjustment(stage, reason, -share)] };
        }
    }
}

/// <summary>One small pricing step; <see cref="Quote"/> applies the steps in the order of their stage.</summary>
public interface IQuoteStep
{
    QuoteStage Stage { get; }

    void Apply(QuoteDraft draft, QuoteContext context);
}

/// <summary>Prices a basket without side effects: the entry dialog's live total, every save and every bulk load use it.</summary>
public static class Quote
{
    public static IReadOnlyList<IQuoteStep> Steps { get; } = Ordered([new LineStep(), new MemberPriceStep(), new CouponStep(), new PointsAsCashStep(), new TenderStep(), new PointsEarnedStep()]);

    public static PricedReceipt Price(Basket basket, QuoteContext context) => Apply(basket, context, Steps);

    /// <summary>Applies <paramref name="steps"/> in stage order, whatever order they are given in.</summary>
    public static PricedReceipt Price(Basket basket, QuoteContext context, IEnumerable<IQuoteStep> steps) => Apply(basket, context, Ordered(steps));

    private static PricedReceipt Apply(Basket basket, QuoteContext context, IReadOnlyList<IQuoteStep> ordered)
    {
        ArgumentNullException.ThrowIfNull(basket);
        ArgumentNullException.ThrowIfNull(context);
        var draft = new QuoteDraft(basket);
        if (MemberRefusal(basket.MemberId, context) is { } refusal)
        {
            draft.Refusals.Add(refusal);
        }
        foreach (var step in ordered)
        {
            step.Apply(draft, context);
        }
        return new PricedReceipt(basket.MemberId, [.. draft.Lines], [.. draft.Refusals], draft.PointsRedeemed, [.. draft.Tenders], draft.FromCard, draft.PointsEarned, context.Card, [.. draft.Coupons]);
    }

    /// <summary>The steps sorted by stage; two steps for one stage would make the order depend on registration, so that is refused.</summary>
    public static IReadOnlyList<IQuoteStep> Ordered(IEnumerable<IQuoteStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var ordered = steps.OrderBy(s => s.Stage).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Stage == ordered[i - 1].Stage)
            {
                throw new ArgumentException($"Two quote steps for the stage {ordered[i].Stage}: the order between them would not be fixed.", nameof(steps));
            }
        }
        return ordered;
    }

    private static FieldError? MemberRefusal(int? memberId, QuoteContext context)
    {
        const string field = nameof(Basket.MemberId);
        if (memberId is null)
        {
            return new FieldError(field, MessageCode.PurchaseMemberMissing);
        }
        if (context.MemberStatus is not { } status)
        {
            return new FieldError(field, MessageCode.PurchaseMemberUnknown);
        }
        if (context.MergedIntoCard is { } keptCard)
        {
            return new FieldError(field, MessageCode.PurchaseCardMerged, CardNumber.Format(keptCard));
        }
        return context.Rules.RequireActiveCard && status != MemberStatus.Active
            ? new FieldError(field, status == MemberStatus.Frozen ? MessageCode.PurchaseCardFrozen : MessageCode.PurchaseCardClosed)
            : null;
    }
}
