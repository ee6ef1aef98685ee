using Microsoft.AspNetCore.Identity;

namespace MemberCards.Accounts;

/// <summary>One account per role for trying the app. Created in Development only (README, "Demo accounts").</summary>
public sealed class DemoAccounts(UserManager<AppUser> users, IUserStore<AppUser> store, TwoFactorPolicy twoFactor)
{
    public const string Password = "demo-password-2026";

    /// <summary>
    /// The demo managers' authenticator key (README): managers sign in with a second factor, so the demo and the browser
    /// tests need a key everyone knows. Demo data only: a real account's key is random and shown to its user alone.
    /// </summary>
    public const string AuthenticatorKey = "MEMBERCARDSDEMOMANAGERAUTHKEY234";

    public static readonly IReadOnlyList<(string Email, string Role)> All =
    [
        ("manager@demo.test", Roles.Manager),
        ("staff@demo.test", Roles.Staff),
        ("marketing@demo.test", Roles.Marketing),
    ];

    public async Task EnsureAsync()
    {
        // Each step is checked on its own, so a start stopped between creating an account and giving it its role
        // ends, at the next start, in the same accounts as an uninterrupted one.
        foreach (var (email, role) in All)
        {
            var user = await users.FindByEmailAsync(email);
            if (user is null)
            {
                user = new AppUser { UserName = email, Email = email, EmailConfirmed = true };
                Ensure(await users.CreateAsync(user, Password));
            }
            if (!await users.IsInRoleAsync(user, role))
            {
                Ensure(await users.AddToRoleAsync(user, role));
            }
            // A demo manager whose second factor was reset gets the demo key back at the next start.
            if (twoFactor.IsRequiredFor([role]) && !await users.GetTwoFactorEnabledAsync(user))
            {
                await ((IUserAuthenticatorKeyStore<AppUser>)store).SetAuthenticatorKeyAsync(user, AuthenticatorKey, CancellationToken.None);
                Ensure(await users.SetTwoFactorEnabledAsync(user, true));
            }
        }
    }

    private static void Ensure(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Demo account refused: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
