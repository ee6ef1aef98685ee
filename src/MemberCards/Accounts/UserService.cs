using System.Security.Claims;
using System.Security.Cryptography;
using MemberCards.Auditing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Accounts;

public sealed record UserRow(string Id, string Email, string Role, bool IsLockedOut, bool MustChangePassword, bool TwoFactorEnabled);

/// <summary>A password made for someone else: shown once to the manager, to be changed at the first sign-in.</summary>
public sealed record TemporaryPassword(string Email, string Password);

/// <summary>Managers manage the people who sign in: create them, change their role, lock them out, reset passwords.</summary>
// Identity saves through its own store, so these entries are written right after each change succeeds.
public sealed class UserService(UserManager<AppUser> users, AuditService audit, TimeProvider time)
{
    public async Task<IReadOnlyList<UserRow>> ListAsync(ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        Access.Require(actor, Roles.Manager);
        var all = await users.Users.OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var rows = new List<UserRow>(all.Count);
        foreach (var user in all)
        {
            rows.Add(new UserRow(user.Id, user.Email ?? "", (await users.GetRolesAsync(user)).FirstOrDefault() ?? "",
                await users.IsLockedOutAsync(user), user.MustChangePassword, user.TwoFactorEnabled));
        }
        return rows;
    }

    public async Task<Result<TemporaryPassword>> CreateAsync(string email, string role, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var actorName = Access.Require(actor, Roles.Manager);
        email = email?.Trim() ?? "";
        if (!Members.MemberRules.IsValidEmail(email))
        {
            return Result<TemporaryPassword>.Refused("Email", MessageCode.EmailInvalid);
        }
        if (!Roles.All.Contains(role))
        {
            return Result<TemporaryPassword>.Refused("Role", MessageCode.RoleInvalid);
        }
        if (await users.FindByEmailAsync(email) is not null)
        {
            return Result<TemporaryPassword>.Refused("Email", MessageCode.UserEmailTaken);
        }
        var password = NewTemporaryPassword();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, MustChangePassword = true };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return Result<TemporaryPassword>.Refused([.. created.Errors.Select(e => IdentityProblems.From("Email", e))]);
        }
        await users.AddToRoleAsync(user, role);
        await audit.WriteAsync(actorName, AuditActions.UserCreated, "User", email, new { Role = role }, null, cancellationToken);
        return Result<TemporaryPassword>.Ok(new TemporaryPassword(email, password));
    }

    /// <summary>Gives the user exactly this role. The last manager keeps theirs, so someone can always manage users.</summary>
    public async Task<Result<string>> SetRoleAsync(string userId, string role, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var actorName = Access.Require(actor, Roles.Manager);
        if (!Roles.All.Contains(role))
        {
            return Result<string>.Refused("Role", MessageCode.RoleInvalid);
        }
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return Result<string>.Refused("", MessageCode.UserNotFound);
        }
        var current = await users.GetRolesAsync(user);
        if (role != Roles.Manager && current.Contains(Roles.Manager) && await IsLastManagerAsync(user))
        {
            return Result<string>.Refused("Role", MessageCode.LastManagerRole);
        }
        await users.RemoveFromRolesAsync(user, current);
        await users.AddToRoleAsync(user, role);
        // A new security stamp signs the user out of open tabs, so the new role applies at once.
        await users.UpdateSecurityStampAsync(user);
        await audit.WriteAsync(actorName, AuditActions.RoleChanged, "User", user.Email,
            new { Role = new[] { string.Join(",", current), role } }, null, cancellationToken);
        return Result<string>.Ok(role);
    }

    public async Task<Result<bool>> SetLockedAsync(string userId, bool locked, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var actorName = Access.Require(actor, Roles.Manager);
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return Result<bool>.Refused("", MessageCode.UserNotFound);
        }
        if (locked && (await users.IsInRoleAsync(user, Roles.Manager)) && await IsLastManagerAsync(user))
        {
            return Result<bool>.Refused("", MessageCode.LastManagerLock);
        }
        if (locked && string.Equals(user.UserName, actorName, StringComparison.OrdinalIgnoreCase))
        {
            return Result<bool>.Refused("", MessageCode.CannotLockSelf);
        }
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
        if (!locked)
        {
            await users.ResetAccessFailedCountAsync(user);
        }
        await users.UpdateSecurityStampAsync(user);
        await audit.WriteAsync(actorName, locked ? AuditActions.UserLocked : AuditActions.UserUnlocked, "User", user.Email, null, null, cancellationToken);
        return Result<bool>.Ok(locked);
    }

    /// <summary>Replaces the password with a temporary one the user must change at their next sign-in.</summary>
    public async Task<Result<TemporaryPassword>> ResetPasswordAsync(string userId, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var actorName = Access.Require(actor, Roles.Manager);
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return Result<TemporaryPassword>.Refused("", MessageCode.UserNotFound);
        }
        var password = NewTemporaryPassword();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, password);
        if (!reset.Succeeded)
        {
            return Result<TemporaryPassword>.Refused([.. reset.Errors.Select(e => IdentityProblems.From("", e))]);
        }
        user.MustChangePassword = true;
        await users.UpdateAsync(user);
        await audit.WriteAsync(actorName, AuditActions.PasswordReset, "User", user.Email, null, null, cancellationToken);
        return Result<TemporaryPassword>.Ok(new TemporaryPassword(user.Email ?? "", password));
    }

    private async Task<bool> IsLastManagerAsync(AppUser user)
    {
        var now = time.GetUtcNow();
        var managers = await users.GetUsersInRoleAsync(Roles.Manager);
        return !managers.Any(m => m.Id != user.Id && (m.LockoutEnd is null || m.LockoutEnd <= now));
    }

    private static string NewTemporaryPassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', '-').Replace('/', '_');
}
