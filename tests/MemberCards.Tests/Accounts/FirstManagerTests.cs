using MemberCards.Accounts;
using Microsoft.AspNetCore.Identity;

namespace MemberCards.Tests.Accounts;

public sealed class FirstManagerTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await _db.InScope<RoleSetup>().EnsureAsync();
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    [Theory]
    [InlineData("short", MessageCode.PasswordTooShort)]
    [InlineData("password123", MessageCode.PasswordCommon)]
    [InlineData("boss@shop.test", MessageCode.PasswordIsUserName)]
    public async Task Weak_passwords_are_refused_with_the_reason_and_no_account_is_made(string password, MessageCode reason)
    {
        var result = await _db.InScope<FirstManager>().CreateAsync("boss@shop.test", password);

        Assert.Contains(reason, result.Errors.Select(e => e.Code));
        Assert.Empty(_db.InScope<UserManager<AppUser>>().Users);
    }

    [Fact]
    public async Task The_first_manager_is_created_once()
    {
        var first = await _db.InScope<FirstManager>().CreateAsync("boss@shop.test", "a long passphrase");
        var second = await _db.InScope<FirstManager>().CreateAsync("other@shop.test", "another long passphrase");

        Assert.Equal("boss@shop.test", first.Value);
        Assert.Equal(MessageCode.ManagerExists, Assert.Single(second.Errors).Code);
        var users = _db.InScope<UserManager<AppUser>>();
        var manager = Assert.Single(users.Users);
        Assert.Equal([Roles.Manager], await users.GetRolesAsync(manager));
    }
}
