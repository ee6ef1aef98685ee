namespace MemberCards.CardValue;

/// <summary>The reason every void, adjustment and manual tier change must give: required, and short enough to store.</summary>
public static class ChangeReason
{
    public const int Length = 500;
    public const string Field = "Reason";

    /// <param name="missing">What to say when there is none: a purchase void says so in its own words.</param>
    public static FieldError? Refusal(string? reason, MessageCode missing = MessageCode.ReasonRequired) =>
        string.IsNullOrWhiteSpace(reason) ? new FieldError(Field, missing)
        : reason.Trim().Length > Length ? new FieldError(Field, MessageCode.ReasonTooLong, Length)
        : null;
}
