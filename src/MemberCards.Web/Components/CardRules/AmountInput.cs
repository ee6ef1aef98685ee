using MemberCards.Web.Components.Purchases;

namespace MemberCards.Web.Components.CardRules;

/// <summary>An amount typed in yuan: the purchase dialog's check (no third decimal), said of an amount rather than a unit price.</summary>
public static class AmountInput
{
    public static FieldError? Error(decimal yuan) => LineDraft.AmountFormatError(yuan);

    /// <summary>The amount in fen; rounded, since a field with a third decimal is held back by <see cref="Error"/> before it is saved.</summary>
    public static long ToMinor(decimal yuan) => (long)Math.Round(yuan * Money.MinorPerMajor);
}
