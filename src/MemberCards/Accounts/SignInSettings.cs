namespace MemberCards.Accounts;

/// <summary>The <c>MemberCards:SignIn</c> section (README, "Two-factor sign-in").</summary>
public sealed class SignInSettings
{
    /// <summary>Managers must sign in with an authenticator app's code as well as their password.</summary>
    public bool TwoFactorForManagers { get; set; } = true;

    /// <summary>
    /// How often a signed-in browser's cookie and an open tab are checked against the account (locked, role changed,
    /// signed out everywhere else, second factor reset): one look-up of the user per browser per period.
    /// From one second to one hour.
    /// </summary>
    public TimeSpan SessionCheckEvery { get; set; } = TimeSpan.FromMinutes(1);
}
