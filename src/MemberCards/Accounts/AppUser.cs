using Microsoft.AspNetCore.Identity;

namespace MemberCards.Accounts;

/// <summary>A person who signs in to Member Cards: staff, a manager or marketing. Not a member (a customer).</summary>
public sealed class AppUser : IdentityUser
{
    /// <summary>Set by a manager's password reset: the user must choose a new password at the next sign-in.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>The UI language the user chose ("en", "zh-CN"), or null to follow the browser and the store setting.</summary>
    public string? Language { get; set; }
}
