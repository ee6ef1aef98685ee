using MemberCards.Accounts;
using Microsoft.AspNetCore.Identity;

namespace MemberCards.Web.Components.Account;

/// <summary>
/// The second step of a sign-in: six digits are an authenticator code, anything else a recovery code (each works once).
/// Every wrong code counts towards the lockout, as a wrong password does: Identity counts wrong authenticator codes
/// itself but not wrong recovery codes, so those are counted here.
/// </summary>
internal sealed class SecondFactorSignIn(SignInManager<AppUser> signInManager, UserManager<AppUser> users)
{
    public async Task<SignInResult> SignInAsync(AppUser user, string typed)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await users.IsLockedOutAsync(user))
        {
            return SignInResult.LockedOut;
        }
        var code = TwoFactorService.Normalize(typed);
        if (code.Length == 6 && code.All(char.IsAsciiDigit))
        {
            return await signInManager.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        }
        var recovery = await signInManager.TwoFactorRecoveryCodeSignInAsync(RecoveryCode(typed));
        if (recovery.Succeeded)
        {
            return recovery;
        }
        await users.AccessFailedAsync(user);
        return await users.IsLockedOutAsync(user) ? SignInResult.LockedOut : SignInResult.Failed;
    }

    // Identity writes recovery codes as XXXXX-XXXXX in capitals: typed in small letters or without the dash, it still counts.
    private static string RecoveryCode(string typed)
    {
        var code = new string([.. typed.Where(char.IsAsciiLetterOrDigit)]).ToUpperInvariant();
        return code.Length == 10 ? $"{code[..5]}-{code[5..]}" : code;
    }
}
