using Microsoft.AspNetCore.Identity;

namespace MemberCards.Accounts;

/// <summary>Makes sure the three roles exist; run at every start-up (cheap, and new databases need them).</summary>
public sealed class RoleSetup(RoleManager<IdentityRole> roles)
{
    public async Task EnsureAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }
}
