namespace MemberCards.CardValue;

/// <summary>How the customer paid: for a top-up, or as a tender of a purchase (stored value only there).</summary>
public enum PaymentMethod
{
    StoredValue,
    Cash,
    BankCard,
    WeChatPay,
    Alipay,
    Other,
}

/// <summary>Money paid onto a card at the till: principal (what was paid) and the bonus its rule gave. Voided, never deleted.</summary>
public sealed class TopUp
{
    public int Id { get; set; }
    public int MemberId { get; set; }
    public DateTime At { get; set; }
    public long AmountMinor { get; set; }
    public long BonusMinor { get; set; }
    public long BonusPoints { get; set; }
    public PaymentMethod Method { get; set; }

    /// <summary>The method's name when it is <see cref="PaymentMethod.Other"/> (e.g. "UnionPay QR").</summary>
    public string? MethodLabel { get; set; }

    public int? RuleId { get; set; }
    public required string RecordedBy { get; set; }
    public Guid? IdempotencyKey { get; set; }
    public DateTime? VoidedAt { get; set; }
    public string? VoidedBy { get; set; }
    public string? VoidReason { get; set; }
}
