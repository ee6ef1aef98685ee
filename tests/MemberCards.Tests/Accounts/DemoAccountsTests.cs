using MemberCards.Accounts;
using Microsoft.AspNetCore.Identity;

namespace MemberCards.Tests.Accounts;

public sealed class DemoAccountsTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await _db.InScope<RoleSetup>().EnsureAsync();
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task A_start_stopped_between_creating_an_account_and_giving_its_role_is_completed_by_the_next()
    {
        var users = _db.InScope<UserManager<AppUser>>();
        // What a start killed right after the first account's CreateAsync leaves behind.
        var (email, _) = DemoAccounts.All[0];
        Assert.True((await users.CreateAsync(new AppUser { UserName = email, Email = email, EmailConfirmed = true }, DemoAccounts.Password)).Succeeded);

        await _db.InScope<DemoAccounts>().EnsureAsync();

        var after = _db.InScope<UserManager<AppUser>>();
        foreach (var (each, role) in DemoAccounts.All)
        {
            var user = await after.FindByEmailAsync(each);
            Assert.NotNull(user);
            Assert.Equal([role], await after.GetRolesAsync(user));
        }
    }
}
