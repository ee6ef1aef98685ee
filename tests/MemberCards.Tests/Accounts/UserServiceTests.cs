using MemberCards.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MemberCards.Tests.Accounts;

public sealed class UserServiceTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private IServiceScope _scope = null!;
    private string _bossId = null!;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _scope = _db.InScope<IServiceScopeFactory>().CreateScope();
        await Get<RoleSetup>().EnsureAsync();
        await Get<FirstManager>().CreateAsync("boss@shop.test", "a long passphrase");
        _bossId = (await Get<UserManager<AppUser>>().FindByEmailAsync("boss@shop.test"))!.Id;
    }

    public async ValueTask DisposeAsync()
    {
        _scope.Dispose();
        await _db.DisposeAsync();
    }

    private T Get<T>() where T : notnull => _scope.ServiceProvider.GetRequiredService<T>();

    private UserService Users => Get<UserService>();

    [Fact]
    public async Task A_new_user_gets_a_temporary_password_that_works_once_and_must_be_changed()
    {
        var created = await Users.CreateAsync("ann@shop.test", Roles.Staff, TestUsers.Manager, CancellationToken.None);

        var user = (await Get<UserManager<AppUser>>().FindByEmailAsync("ann@shop.test"))!;
        Assert.True(await Get<UserManager<AppUser>>().CheckPasswordAsync(user, created.Value!.Password));
        Assert.True(user.MustChangePassword);
        var row = Assert.Single(await Users.ListAsync(TestUsers.Manager, CancellationToken.None), r => r.Email == "ann@shop.test");
        Assert.Equal((Roles.Staff, false, true), (row.Role, row.IsLockedOut, row.MustChangePassword));
    }

    [Fact]
    public async Task A_duplicate_email_or_a_bad_one_is_refused_next_to_the_field()
    {
        var duplicate = await Users.CreateAsync("BOSS@shop.test", Roles.Staff, TestUsers.Manager, CancellationToken.None);
        var bad = await Users.CreateAsync("not an email", Roles.Staff, TestUsers.Manager, CancellationToken.None);

        Assert.Equal(("Email", MessageCode.UserEmailTaken), (duplicate.Errors[0].Field, duplicate.Errors[0].Code));
        Assert.Equal("Email", Assert.Single(bad.Errors).Field);
    }

    [Fact]
    public async Task The_last_manager_can_be_neither_demoted_nor_locked()
    {
        var demote = await Users.SetRoleAsync(_bossId, Roles.Staff, TestUsers.Manager, CancellationToken.None);
        var lockOut = await Users.SetLockedAsync(_bossId, true, TestUsers.For("someone@test", Roles.Manager), CancellationToken.None);

        Assert.Equal(MessageCode.LastManagerRole, Assert.Single(demote.Errors).Code);
        Assert.Equal(MessageCode.LastManagerLock, Assert.Single(lockOut.Errors).Code);
        var boss = Assert.Single(await Users.ListAsync(TestUsers.Manager, CancellationToken.None));
        Assert.Equal((Roles.Manager, false), (boss.Role, boss.IsLockedOut));
    }

    [Fact]
    public async Task With_a_second_manager_the_first_can_be_demoted_and_a_user_locked_and_unlocked()
    {
        await Users.CreateAsync("second@shop.test", Roles.Manager, TestUsers.Manager, CancellationToken.None);
        var staff = await Users.CreateAsync("bob@shop.test", Roles.Staff, TestUsers.Manager, CancellationToken.None);
        var bobId = (await Get<UserManager<AppUser>>().FindByEmailAsync("bob@shop.test"))!.Id;

        Assert.True((await Users.SetRoleAsync(_bossId, Roles.Marketing, TestUsers.Manager, CancellationToken.None)).Succeeded);
        Assert.True((await Users.SetLockedAsync(bobId, true, TestUsers.Manager, CancellationToken.None)).Succeeded);
        Assert.True(Assert.Single(await Users.ListAsync(TestUsers.Manager, CancellationToken.None), r => r.Id == bobId).IsLockedOut);
        Assert.True((await Users.SetLockedAsync(bobId, false, TestUsers.Manager, CancellationToken.None)).Succeeded);

        var rows = await Users.ListAsync(TestUsers.Manager, CancellationToken.None);
        Assert.Equal(Roles.Marketing, rows.Single(r => r.Id == _bossId).Role);
        Assert.False(rows.Single(r => r.Id == bobId).IsLockedOut);
        Assert.NotNull(staff.Value);
    }

    [Fact]
    public async Task A_password_reset_replaces_the_password_with_a_temporary_one()
    {
        var reset = await Users.ResetPasswordAsync(_bossId, TestUsers.Manager, CancellationToken.None);

        var users = Get<UserManager<AppUser>>();
        var boss = (await users.FindByIdAsync(_bossId))!;
        Assert.False(await users.CheckPasswordAsync(boss, "a long passphrase"));
        Assert.True(await users.CheckPasswordAsync(boss, reset.Value!.Password));
        Assert.True(boss.MustChangePassword);
    }

    [Fact]
    public async Task Staff_and_marketing_cannot_manage_users()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => Users.ListAsync(TestUsers.Staff, CancellationToken.None));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Users.CreateAsync("x@shop.test", Roles.Manager, TestUsers.Marketing, CancellationToken.None));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Users.SetRoleAsync(_bossId, Roles.Staff, TestUsers.Staff, CancellationToken.None));
        Assert.Single(Get<UserManager<AppUser>>().Users);
    }
}
