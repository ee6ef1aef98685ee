using System.Security.Claims;
using MemberCards.Auditing;
using Microsoft.AspNetCore.Identity;

namespace MemberCards.Accounts;

/// <summary>The key an authenticator app is set up with, as typed (grouped by four) and as the otpauth:// address a QR code carries.</summary>
public sealed record AuthenticatorKey(string Key, string Address)
{
    public string Grouped => string.Join(' ', Key.Chunk(4).Select(group => new string(group))).ToLowerInvariant();
}

public sealed record TwoFactorStatus(bool Enabled, bool Required, int RecoveryCodesLeft);

/// <summary>
/// Two-factor sign-in with an authenticator app (TOTP, RFC 6238), on ASP.NET Core Identity's own authenticator support:
/// a user sets it up for themselves; a manager resets someone else's.
/// </summary>
// Identity saves through its own store, so the audit entries are written right after each change succeeds.
public sealed class TwoFactorService(UserManager<AppUser> users, IUserStore<AppUser> store, TwoFactorPolicy policy, AuditService audit)
{
    public const string Issuer = "Member Cards";

    public async Task<TwoFactorStatus> StatusAsync(AppUser user) => new(
        await users.GetTwoFactorEnabledAsync(user), policy.IsRequiredFor(await users.GetRolesAsync(user)), await users.CountRecoveryCodesAsync(user));

    /// <summary>The user's key, made on first use; a new key is only made by turning two-factor off or a reset.</summary>
    public async Task<AuthenticatorKey> KeyAsync(AppUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // Through the store, not ResetAuthenticatorKeyAsync: a first key replaces nothing, so the user's sessions stay.
            key = users.GenerateNewAuthenticatorKey();
            await ((IUserAuthenticatorKeyStore<AppUser>)store).SetAuthenticatorKeyAsync(user, key, cancellationToken);
            await users.UpdateAsync(user);
        }
        var account = Uri.EscapeDataString(user.Email ?? user.UserName ?? "");
        var issuer = Uri.EscapeDataString(Issuer);
        return new AuthenticatorKey(key, $"otpauth://totp/{issuer}:{account}?secret={key}&issuer={issuer}&digits=6");
    }

    /// <summary>Turns two-factor sign-in on once the user proves their app shows the right code; returns the recovery codes, shown once.</summary>
    public async Task<Result<IReadOnlyList<string>>> EnableAsync(AppUser user, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var digits = Normalize(code);
        if (digits.Length == 0)
        {
            return Result<IReadOnlyList<string>>.Refused("Code", MessageCode.TwoFactorCodeMissing);
        }
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, digits))
        {
            return Result<IReadOnlyList<string>>.Refused("Code", MessageCode.TwoFactorCodeWrong);
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactorPolicy.RecoveryCodeCount);
        await audit.WriteAsync(user.UserName ?? "", AuditActions.TwoFactorEnabled, "User", user.Email, null, null, cancellationToken);
        return Result<IReadOnlyList<string>>.Ok([.. codes ?? []]);
    }

    /// <summary>Ten new recovery codes; the old ones stop working.</summary>
    public async Task<Result<IReadOnlyList<string>>> NewRecoveryCodesAsync(AppUser user)
    {
        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            return Result<IReadOnlyList<string>>.Refused("", MessageCode.TwoFactorNotSetUp);
        }
        return Result<IReadOnlyList<string>>.Ok([.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactorPolicy.RecoveryCodeCount) ?? []]);
    }

    /// <summary>The user turns their own second factor off (not a role that needs one); the app's key is forgotten.</summary>
    public async Task<Result<bool>> DisableAsync(AppUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (policy.IsRequiredFor(await users.GetRolesAsync(user)))
        {
            return Result<bool>.Refused("", MessageCode.TwoFactorRequired);
        }
        await TurnOffAsync(user);
        await audit.WriteAsync(user.UserName ?? "", AuditActions.TwoFactorDisabled, "User", user.Email, null, null, cancellationToken);
        return Result<bool>.Ok(false);
    }

    /// <summary>
    /// A manager resets another user's second factor (a lost phone): it is off, the old app's codes and the recovery
    /// codes no longer work, the user's sessions end, and a manager sets it up again at the next sign-in.
    /// </summary>
    public async Task<Result<bool>> ResetAsync(string userId, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var actorName = Access.Require(actor, Roles.Manager);
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return Result<bool>.Refused("", MessageCode.UserNotFound);
        }
        if (string.Equals(user.UserName, actorName, StringComparison.OrdinalIgnoreCase))
        {
            return Result<bool>.Refused("", MessageCode.TwoFactorResetSelf);
        }
        await TurnOffAsync(user);
        await audit.WriteAsync(actorName, AuditActions.TwoFactorReset, "User", user.Email, null, null, cancellationToken);
        return Result<bool>.Ok(false);
    }

    /// <summary>The code as a user types it: "123 456" and "1234-5678" count without spaces and dashes.</summary>
    public static string Normalize(string? code) => new([.. (code ?? "").Where(c => c is not (' ' or '-'))]);

    // A new key (and so a new security stamp, which ends the user's sessions) and no recovery codes left.
    private async Task TurnOffAsync(AppUser user)
    {
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await ((IUserTwoFactorRecoveryCodeStore<AppUser>)store).ReplaceCodesAsync(user, [], CancellationToken.None);
        await users.UpdateAsync(user);
    }
}
