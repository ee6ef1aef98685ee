using Microsoft.AspNetCore.Identity;

namespace MemberCards.Accounts;

/// <summary>
/// Length is the rule that matters (at least 10 characters, no composition rules, as NIST 800-63B advises); on top
/// of it, passwords people pick first are refused, as is the user's own email.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "1234567890", "0123456789", "12345678910", "123456789012", "0987654321", "1111111111", "0000000000",
        "password12", "password123", "password1234", "passw0rd123", "qwertyuiop", "qwerty12345", "qwerty123456",
        "1q2w3e4r5t", "1qaz2wsx3edc", "asdfghjkl1", "zxcvbnm123", "abcdefghij", "abc1234567", "iloveyou12",
        "letmein123", "welcome123", "welcome1234", "admin12345", "administrator", "changeme123", "football123",
        "baseball123", "sunshine123", "princess123", "superman123", "starwars123", "trustno1234", "monkey12345",
        "dragon12345", "master12345", "membercards", "membercards1", "membercards123", "loyaltycard", "password!!",
    };

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (password is null)
        {
            return Task.FromResult(IdentityResult.Success);
        }
        if (Common.Contains(password))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = IdentityProblems.CommonPassword, Description = IdentityProblems.CommonPassword }));
        }
        if (string.Equals(password, user.Email, StringComparison.OrdinalIgnoreCase) || string.Equals(password, user.UserName, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = IdentityProblems.PasswordIsUserName, Description = IdentityProblems.PasswordIsUserName }));
        }
        return Task.FromResult(IdentityResult.Success);
    }
}
