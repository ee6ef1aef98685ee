using MemberCards.CardValue;
using MemberCards.Purchases;

namespace MemberCards.Web.Components.Purchases;

/// <summary>How the customer wants to pay, as entered: points to use, the card (all it can, or an amount) and the rest by one method.</summary>
public sealed class PaymentDraft
{
    public long PointsToRedeem { get; set; }
    public bool PayByCard { get; set; }

    /// <summary>The amount to take from the card in yuan; null: as much as the card holds, up to the amount due.</summary>
    public decimal? CardAmount { get; set; }

    public PaymentMethod Method { get; set; } = PaymentMethod.Cash;
    public string? Label { get; set; }

    /// <summary>
    /// The tenders for <paramref name="dueMinor"/>: the card's part first, then the rest by the chosen method. They
    /// add up by construction unless the card amount typed is more than is due — the quote then says so.
    /// </summary>
    public IReadOnlyList<Tender> Tenders(long dueMinor, CardBalances card)
    {
        var other = Method == PaymentMethod.Other ? Label?.Trim() : null;
        if (!PayByCard)
        {
            return dueMinor > 0 ? [new Tender(Method, dueMinor, other)] : [];
        }
        var fromCard = CardAmount is { } typed ? (long)Math.Round(typed * Money.MinorPerMajor) : Math.Min(dueMinor, card.StoredValueMinor);
        var rest = dueMinor - fromCard;
        List<Tender> tenders = [new Tender(PaymentMethod.StoredValue, fromCard)];
        if (rest > 0)
        {
            tenders.Add(new Tender(Method, rest, other));
        }
        return tenders;
    }

    /// <summary>The non-card methods a customer pays the rest with.</summary>
    public static IReadOnlyList<PaymentMethod> OtherMethods { get; } = [.. Enum.GetValues<PaymentMethod>().Where(m => m != PaymentMethod.StoredValue)];
}
