using MemberCards.CardValue;

namespace MemberCards.Tests.CardValue;

public sealed class StoredValueSplitTests
{
    [Theory]
    // ¥120 from ¥500 + ¥80: 120 × 500/580 = 103.448… → ¥103.45 principal, ¥16.55 bonus.
    [InlineData(12_000, 50_000, 8_000, 10_345, 1_655)]
    // Exactly half: 0.5 fen rounds up to the principal.
    [InlineData(1, 100, 100, 1, 0)]
    [InlineData(3, 100, 100, 2, 1)]
    // The whole balance: every fen of each part.
    [InlineData(58_000, 50_000, 8_000, 50_000, 8_000)]
    // Only bonus left.
    [InlineData(500, 0, 800, 0, 500)]
    // Only principal left.
    [InlineData(500, 800, 0, 500, 0)]
    // Rounding never takes more than remains of a part: 1 fen of principal, 2 of bonus, pay 3.
    [InlineData(3, 1, 2, 1, 2)]
    [InlineData(0, 50_000, 8_000, 0, 0)]
    public void Proportional_split_follows_what_remains_and_adds_up_to_the_payment(long payment, long principal, long bonus, long expectedPrincipal, long expectedBonus)
    {
        var split = StoredValueSplit.Of(payment, new CardBalances(principal, bonus, 0), SpendOrder.Proportional);

        Assert.Equal((expectedPrincipal, expectedBonus), (split.PrincipalMinor, split.BonusMinor));
        Assert.Equal(payment, split.TotalMinor);
    }

    [Fact]
    public void Every_payment_of_every_small_card_adds_up_and_stays_within_each_part()
    {
        for (long principal = 0; principal <= 40; principal++)
        {
            for (long bonus = 0; bonus <= 40; bonus++)
            {
                for (long payment = 0; payment <= principal + bonus; payment++)
                {
                    foreach (var order in Enum.GetValues<SpendOrder>())
                    {
                        var split = StoredValueSplit.Of(payment, new CardBalances(principal, bonus, 0), order);
                        Assert.Equal(payment, split.TotalMinor);
                        Assert.InRange(split.PrincipalMinor, 0, principal);
                        Assert.InRange(split.BonusMinor, 0, bonus);
                    }
                }
            }
        }
    }

    [Fact]
    public void Bonus_first_and_principal_first_take_that_part_before_the_other()
    {
        var card = new CardBalances(50_000, 8_000, 0);

        Assert.Equal(new StoredValueSplit(4_000, 8_000), StoredValueSplit.Of(12_000, card, SpendOrder.BonusFirst));
        Assert.Equal(new StoredValueSplit(12_000, 0), StoredValueSplit.Of(12_000, card, SpendOrder.PrincipalFirst));
        Assert.Equal(new StoredValueSplit(50_000, 5_000), StoredValueSplit.Of(55_000, card, SpendOrder.PrincipalFirst));
    }

    [Fact]
    public void A_payment_over_the_balance_is_a_bug_the_quote_must_catch_first() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => StoredValueSplit.Of(101, new CardBalances(50, 50, 0), SpendOrder.Proportional));
}
