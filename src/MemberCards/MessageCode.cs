namespace MemberCards;

/// <summary>
/// Every message a service gives the user: refusals, and notices such as "this card was replaced". The UI holds the
/// text for each in every language (ProblemText.resx); a test checks that none is missing.
/// </summary>
public enum MessageCode
{
    // Members
    MemberNameRequired,
    MemberNameTooLong,
    EmailInvalid,
    PhoneInvalid,
    PhoneNotChineseMobile,
    MemberNotesTooLong,
    MemberTierInvalid,
    EmailTaken,
    PhoneTaken,
    MemberNotFound,
    MemberAnonymizedReadOnly,
    MemberEditedByOther,
    MemberChangedAtOnce,
    SomeoneElse,
    UserAtTime,
    FieldNowWas,
    FiguresOnly,
    InRow,
    CardAlreadyFrozen,
    CardClosedCannotFreeze,
    CardNotFrozen,
    CardClosedNoNewCard,
    MembershipAlreadyClosed,
    MemberAlreadyAnonymized,
    CardReplacedNotice,
    CardUnknownNotice,
    CardCheckDigitNotice,

    // Purchases
    BasketEmpty,
    ProductNotPicked,
    ProductNotSold,
    QuantityOutOfRange,
    PriceNegative,
    PriceTooHigh,
    PriceDecimals,
    PurchaseMemberMissing,
    PurchaseMemberUnknown,
    PurchaseCardFrozen,
    PurchaseCardClosed,
    PurchaseTimeInFuture,
    PurchaseBackdateManagerOnly,
    PurchaseBackdateTooFar,
    VoidReasonRequired,
    VoidReasonTooLong,
    PurchaseNotFound,
    PurchaseAlreadyVoided,
    InPurchase,

    // Products
    ProductNothingToSave,
    ProductHasSales,
    ProductNotFound,
    ProductChangedByOther,
    ProductNameLength,
    ProductNameTaken,
    ProductCategoryLength,

    // Accounts
    ManagerExists,
    RoleInvalid,
    UserEmailTaken,
    UserNotFound,
    LastManagerRole,
    LastManagerLock,
    CannotLockSelf,
    PasswordTooShort,
    PasswordCommon,
    PasswordIsUserName,
    PasswordWrong,
    PasswordRejected,

    // Campaigns
    SegmentNameRequired,
    SegmentNameTooLong,
    SegmentNameTaken,
    SegmentNotFound,
    SegmentUnreadable,
    SegmentChanged,
    PeriodBothOrNeither,
    PeriodEndBeforeStart,
    DaysOutOfRange,
    NotNegative,
    TopOutOfRange,
}
