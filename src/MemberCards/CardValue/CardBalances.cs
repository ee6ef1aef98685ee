namespace MemberCards.CardValue;

/// <summary>A member's card value at one moment: stored value (principal and bonus kept apart) and points (negative: owed).</summary>
public readonly record struct CardBalances(long PrincipalMinor, long BonusMinor, long Points)
{
    public long StoredValueMinor => PrincipalMinor + BonusMinor;
}

/// <summary>How a payment from the card is taken from principal and bonus (<c>MemberCards:StoredValue:SpendOrder</c>).</summary>
public enum SpendOrder
{
    Proportional,
    BonusFirst,
    PrincipalFirst,
}

/// <summary>A payment from the card, split into the principal and bonus it takes.</summary>
public readonly record struct StoredValueSplit(long PrincipalMinor, long BonusMinor)
{
    public long TotalMinor => PrincipalMinor + BonusMinor;

    /// <summary>
    /// Splits <paramref name="paymentMinor"/> over what remains of each part. Proportional: the principal share is
    /// payment × principal / (principal + bonus) rounded half-up to the fen, held within what remains of either
    /// part, so the parts always add up to the payment. The caller makes sure the card holds the payment.
    /// </summary>
    public static StoredValueSplit Of(long paymentMinor, CardBalances card, SpendOrder order)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(paymentMinor);
        if (paymentMinor > card.StoredValueMinor)
        {
            throw new ArgumentOutOfRangeException(nameof(paymentMinor), paymentMinor, "The card does not hold the payment.");
        }
        var principal = order switch
        {
            SpendOrder.PrincipalFirst => Math.Min(paymentMinor, card.PrincipalMinor),
            SpendOrder.BonusFirst => paymentMinor - Math.Min(paymentMinor, card.BonusMinor),
            _ when card.StoredValueMinor == 0 => 0,
            _ => (2 * paymentMinor * card.PrincipalMinor + card.StoredValueMinor) / (2 * card.StoredValueMinor),
        };
        principal = Math.Clamp(principal, paymentMinor - card.BonusMinor, card.PrincipalMinor);
        return new StoredValueSplit(principal, paymentMinor - principal);
    }
}
