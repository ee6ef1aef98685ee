using System.Globalization;
using MemberCards.Members;
using MemberCards.Products;
using MemberCards.Purchases;

namespace MemberCards.Tests.Purchases;

/// <summary>The quote's frame: steps in a fixed order whatever order they come in, each seeing what the earlier ones did.</summary>
public sealed class QuoteTests
{
    private static readonly Product Latte = new() { Id = 1, Name = "Latte", Category = "Coffee", UnitPriceMinor = 450 };
    private static readonly Product Cake = new() { Id = 2, Name = "Cake", Category = "Bakery", UnitPriceMinor = 600 };

    private static QuoteContext Context(MemberStatus? status = MemberStatus.Active) =>
        new(status, new Dictionary<int, Product> { [1] = Latte, [2] = Cake }, new QuoteRules(true, true, 100_000, CultureInfo.GetCultureInfo("en-US")));

    /// <summary>Writes its stage into a shared trace and, like a member price would, takes a fen off every line.</summary>
    private sealed class TracingStep(QuoteStage stage, List<string> trace) : IQuoteStep
    {
        public QuoteStage Stage => stage;

        public void Apply(QuoteDraft draft, QuoteContext context)
        {
            trace.Add($"{stage} saw {draft.Lines.Sum(l => l.NetMinor)}");
            for (var i = 0; i < draft.Lines.Count; i++)
            {
                draft.Lines[i] = draft.Lines[i] with { Adjustments = [.. draft.Lines[i].Adjustments, new LineAdjustment(stage, "test", -1)] };
            }
        }
    }

    [Fact]
    public void Steps_run_in_the_fixed_stage_order_whatever_order_they_are_given_in()
    {
        var trace = new List<string>();
        IQuoteStep[] scrambled =
        [
            new TracingStep(QuoteStage.PointsEarned, trace), new TracingStep(QuoteStage.Coupon, trace), new LineStep(),
            new TracingStep(QuoteStage.Tenders, trace), new TracingStep(QuoteStage.MemberPrice, trace), new TracingStep(QuoteStage.PointsAsCash, trace),
        ];

        var receipt = Quote.Price(new Basket(7, [new NewPurchaseLine(1, 2), new NewPurchaseLine(2, 1)]), Context(), scrambled);

        // Lines first (900 + 600), then each later stage sees the fen the one before it took off each of the two lines.
        Assert.Equal(["MemberPrice saw 1500", "Coupon saw 1498", "PointsAsCash saw 1496", "Tenders saw 1494", "PointsEarned saw 1492"], trace);
        Assert.Equal(1500, receipt.ListMinor);
        Assert.Equal(1490, receipt.AmountDueMinor);
        Assert.Equal([QuoteStage.MemberPrice, QuoteStage.Coupon, QuoteStage.PointsAsCash, QuoteStage.Tenders, QuoteStage.PointsEarned],
            receipt.Lines[0].Adjustments.Select(a => a.Stage));
    }

    [Fact]
    public void The_shipped_quote_runs_lines_member_price_coupon_points_as_cash_tenders_and_points_earned_in_that_order_and_two_steps_for_one_stage_are_refused()
    {
        Assert.Equal([QuoteStage.Lines, QuoteStage.MemberPrice, QuoteStage.Coupon, QuoteStage.PointsAsCash, QuoteStage.Tenders, QuoteStage.PointsEarned], Quote.Steps.Select(s => s.Stage));
        Assert.Throws<ArgumentException>(() => Quote.Ordered([new LineStep(), new LineStep()]));
    }

    [Fact]
    public void Lines_are_priced_at_list_with_net_equal_to_list_and_refused_lines_left_out_of_the_total()
    {
        var receipt = Quote.Price(new Basket(7, [new NewPurchaseLine(1, 2), new NewPurchaseLine(2, 0), new NewPurchaseLine(2, 1, 599)]), Context());

        Assert.Equal([(0, 900L, 900L), (2, 599L, 599L)], receipt.Lines.Select(l => (l.Index, l.ListMinor, l.NetMinor)));
        Assert.Equal(1499, receipt.AmountDueMinor);
        Assert.Equal("Lines[1].Quantity", Assert.Single(receipt.Refusals).Field);
        Assert.False(receipt.CanPost);
    }

    [Fact]
    public void A_missing_member_an_unknown_card_and_a_frozen_card_are_refused_at_the_member()
    {
        Basket basket(int? member) => new(member, [new NewPurchaseLine(1, 1)]);

        Assert.Equal(MessageCode.PurchaseMemberMissing, Assert.Single(Quote.Price(basket(null), Context()).Refusals).Code);
        Assert.Equal(MessageCode.PurchaseMemberUnknown, Assert.Single(Quote.Price(basket(7), Context(status: null)).Refusals).Code);
        Assert.Equal(new FieldError("MemberId", MessageCode.PurchaseCardFrozen),
            Assert.Single(Quote.Price(basket(7), Context(MemberStatus.Frozen)).Refusals));
        Assert.Empty(Quote.Price(basket(7), Context(MemberStatus.Frozen) with { Rules = QuoteRules.History }).Refusals);
    }
}
