using Microsoft.AspNetCore.Identity;

namespace MemberCards.Accounts;

/// <summary>
/// Outside Development no account is ever made by itself: the first manager is created once, by whoever installs
/// the app, with the <c>create-manager</c> command (README). Once any manager exists this refuses, so the command
/// can't be used to slip in another one.
/// </summary>
public sealed class FirstManager(UserManager<AppUser> users)
{
    public async Task<Result<string>> CreateAsync(string email, string password)
    {
        if ((await users.GetUsersInRoleAsync(Roles.Manager)).Count > 0)
        {
            return Result<string>.Refused("", MessageCode.ManagerExists);
        }
        if (string.IsNullOrWhiteSpace(email) || !Members.MemberRules.IsValidEmail(email.Trim()))
        {
            return Result<string>.Refused("Email", MessageCode.EmailInvalid);
        }
        var user = new AppUser { UserName = email.Trim(), Email = email.Trim(), EmailConfirmed = true };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return Result<string>.Refused([.. created.Errors.Select(e => IdentityProblems.From("Password", e))]);
        }
        await users.AddToRoleAsync(user, Roles.Manager);
        return Result<string>.Ok(user.Email);
    }
}
