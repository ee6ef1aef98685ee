using Microsoft.AspNetCore.Identity;

namespace MemberCards.Accounts;

/// <summary>One account per role for trying the app. Created in Development only (README, "Demo accounts").</summary>
public sealed class DemoAccounts(UserManager<AppUser> users)
{
    public const string Password = "demo-password-2026";

    public static readonly IReadOnlyList<(string Email, string Role)> All =
    [
        ("manager@demo.test", Roles.Manager),
        ("staff@demo.test", Roles.Staff),
        ("marketing@demo.test", Roles.Marketing),
    ];

    public async Task EnsureAsync()
    {
        foreach (var (email, role) in All)
        {
            if (await users.FindByEmailAsync(email) is not null)
            {
                continue;
            }
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true };
            Ensure(await users.CreateAsync(user, Password));
            Ensure(await users.AddToRoleAsync(user, role));
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
