using Microsoft.AspNetCore.Identity;

namespace MemberCards.Accounts;

/// <summary>The password and lockout rules (README, "Roles"), in one place for the app and its tests.</summary>
public static class SignInPolicy
{
    public const int MaxFailedAttempts = 5;

    public const int PasswordLength = 10;

    /// <summary>A sign-in cookie lasts this long after the browser's last request (sliding), then the user signs in again.</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(10);

    public static void Apply(IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Length, not composition: at least 10 characters; CommonPasswordValidator refuses the usual suspects.
        options.Password.RequiredLength = PasswordLength;
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.Lockout.MaxFailedAccessAttempts = MaxFailedAttempts;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.Lockout.AllowedForNewUsers = true;
        options.User.RequireUniqueEmail = true;
    }
}
