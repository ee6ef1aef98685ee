using Microsoft.AspNetCore.Identity;

namespace MemberCards.Accounts;

/// <summary>ASP.NET Core Identity's refusals (English descriptions) as message codes the UI can say in any language.</summary>
public static class IdentityProblems
{
    public const string CommonPassword = nameof(CommonPassword);
    public const string PasswordIsUserName = nameof(PasswordIsUserName);

    public static FieldError From(string field, IdentityError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Code switch
        {
            nameof(IdentityErrorDescriber.PasswordTooShort) => new FieldError(field, MessageCode.PasswordTooShort, SignInPolicy.PasswordLength),
            CommonPassword => new FieldError(field, MessageCode.PasswordCommon),
            PasswordIsUserName => new FieldError(field, MessageCode.PasswordIsUserName),
            nameof(IdentityErrorDescriber.PasswordMismatch) => new FieldError(field, MessageCode.PasswordWrong),
            nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.DuplicateEmail) => new FieldError(field, MessageCode.UserEmailTaken),
            nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName) => new FieldError(field, MessageCode.EmailInvalid),
            // The policy asks only for length (SignInPolicy); any other rule Identity applies is reported as one refusal.
            _ => new FieldError(field, MessageCode.PasswordRejected),
        };
    }
}
