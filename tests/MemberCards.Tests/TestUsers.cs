using System.Security.Claims;
using MemberCards.Accounts;

namespace MemberCards.Tests;

/// <summary>Signed-in users of each role, as the web app hands them to the services.</summary>
public static class TestUsers
{
    public static readonly ClaimsPrincipal Manager = For("manager@test", Roles.Manager);
    public static readonly ClaimsPrincipal Staff = For("staff@test", Roles.Staff);
    public static readonly ClaimsPrincipal Marketing = For("marketing@test", Roles.Marketing);
    public static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity());

    public static ClaimsPrincipal For(string name, params string[] roles) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, name), .. roles.Select(r => new Claim(ClaimTypes.Role, r))], authenticationType: "test"));
}
