namespace MemberCards.CardValue;

/// <summary>The reason every void and adjustment must give: required, and short enough to store.</summary>
public static class VoidReason
{
    public const int Length = 500;
    public const string Field = "Reason";

    public static FieldError? Refusal(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? new FieldError(Field, MessageCode.VoidReasonRequired)
        : reason.Trim().Length > Length ? new FieldError(Field, MessageCode.VoidReasonTooLong, Length)
        : null;
}
