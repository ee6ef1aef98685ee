using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Auditing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberCards.Tests.Accounts;

public sealed class TwoFactorServiceTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private IServiceScope _scope = null!;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _scope = _db.InScope<IServiceScopeFactory>().CreateScope();
        await Get<RoleSetup>().EnsureAsync();
        await Get<FirstManager>().CreateAsync("boss@shop.test", "a long passphrase");
        await Get<UserService>().CreateAsync("ann@shop.test", Roles.Staff, TestUsers.Manager, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        _scope.Dispose();
        await _db.DisposeAsync();
    }

    private T Get<T>() where T : notnull => _scope.ServiceProvider.GetRequiredService<T>();

    private TwoFactorService TwoFactor => Get<TwoFactorService>();

    private UserManager<AppUser> Users => Get<UserManager<AppUser>>();

    private async Task<AppUser> UserAsync(string email) => (await Users.FindByEmailAsync(email))!;

    private static string CodeFor(string key) => new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key)).ComputeTotp();

    private async Task<IReadOnlyList<string>> TurnOnAsync(string email)
    {
        var user = await UserAsync(email);
        var key = await TwoFactor.KeyAsync(user, CancellationToken.None);
        return (await TwoFactor.EnableAsync(user, CodeFor(key.Key), CancellationToken.None)).Value!;
    }

    [Fact]
    public void Managers_need_a_second_factor_staff_and_marketing_may_choose_and_a_setting_lifts_the_rule()
    {
        var policy = Get<TwoFactorPolicy>();
        var lifted = new TwoFactorPolicy(Microsoft.Extensions.Options.Options.Create(new MemberCardsOptions { SignIn = new SignInSettings { TwoFactorForManagers = false } }));

        Assert.Equal((true, false, false), (policy.IsRequiredFor([Roles.Manager]), policy.IsRequiredFor([Roles.Staff]), policy.IsRequiredFor([Roles.Marketing])));
        Assert.False(lifted.IsRequiredFor([Roles.Manager]));
        var withCode = new ClaimsPrincipal(new ClaimsIdentity([.. TestUsers.Manager.Claims, new Claim(TwoFactorPolicy.MethodClaim, TwoFactorPolicy.WithSecondFactor)], "test"));
        var withPassword = new ClaimsPrincipal(new ClaimsIdentity([.. TestUsers.Manager.Claims, new Claim(TwoFactorPolicy.MethodClaim, "pwd")], "test"));
        Assert.Equal((false, true, true, true), (policy.IsSatisfiedBy(withPassword), policy.IsSatisfiedBy(withCode), policy.IsSatisfiedBy(TestUsers.Staff), lifted.IsSatisfiedBy(withPassword)));
    }

    [Fact]
    public async Task Turning_it_on_needs_the_code_the_app_shows_and_gives_ten_recovery_codes()
    {
        var user = await UserAsync("ann@shop.test");
        var stamp = user.SecurityStamp;
        var key = await TwoFactor.KeyAsync(user, CancellationToken.None);
        var right = CodeFor(key.Key);
        var wrong = $"{(right[0] - '0' + 1) % 10}{right[1..]}";

        var missing = await TwoFactor.EnableAsync(user, " ", CancellationToken.None);
        var refused = await TwoFactor.EnableAsync(user, wrong, CancellationToken.None);
        Assert.Equal(new FieldError("Code", MessageCode.TwoFactorCodeMissing), Assert.Single(missing.Errors));
        Assert.Equal(new FieldError("Code", MessageCode.TwoFactorCodeWrong), Assert.Single(refused.Errors));
        Assert.False(await Users.GetTwoFactorEnabledAsync(user));
        // The first key replaces nothing: the user's sessions go on; asking again shows the same key.
        Assert.Equal((stamp, key), ((await UserAsync("ann@shop.test")).SecurityStamp, await TwoFactor.KeyAsync(user, CancellationToken.None)));
        Assert.StartsWith("otpauth://totp/Member%20Cards:ann%40shop.test?secret=", key.Address, StringComparison.Ordinal);

        var codes = await TwoFactor.EnableAsync(user, $"{right[..3]} {right[3..]}", CancellationToken.None);

        Assert.Equal(10, codes.Value!.Count);
        Assert.Equal(new TwoFactorStatus(true, false, 10), await TwoFactor.StatusAsync(user));
        Assert.Equal(AuditActions.TwoFactorEnabled, (await LastAuditAsync()).Action);
    }

    [Fact]
    public async Task A_manager_cannot_turn_their_own_second_factor_off_staff_can_and_get_a_new_key()
    {
        await TurnOnAsync("boss@shop.test");
        await TurnOnAsync("ann@shop.test");
        var ann = await UserAsync("ann@shop.test");
        var oldKey = await Users.GetAuthenticatorKeyAsync(ann);

        var boss = await TwoFactor.DisableAsync(await UserAsync("boss@shop.test"), CancellationToken.None);
        var staff = await TwoFactor.DisableAsync(ann, CancellationToken.None);

        Assert.Equal(MessageCode.TwoFactorRequired, Assert.Single(boss.Errors).Code);
        Assert.True(await Users.GetTwoFactorEnabledAsync(await UserAsync("boss@shop.test")));
        Assert.True(staff.Succeeded);
        Assert.Equal(new TwoFactorStatus(false, false, 0), await TwoFactor.StatusAsync(ann));
        Assert.NotEqual(oldKey, await Users.GetAuthenticatorKeyAsync(ann));
        Assert.Equal(MessageCode.TwoFactorNotSetUp, Assert.Single((await TwoFactor.NewRecoveryCodesAsync(ann)).Errors).Code);
    }

    [Fact]
    public async Task A_manager_resets_someone_elses_second_factor_audited_but_not_their_own_and_staff_cannot()
    {
        await TurnOnAsync("ann@shop.test");
        var ann = await UserAsync("ann@shop.test");
        var boss = await UserAsync("boss@shop.test");
        var (stamp, key) = (ann.SecurityStamp, await Users.GetAuthenticatorKeyAsync(ann));
        var bossPrincipal = TestUsers.For("boss@shop.test", Roles.Manager);

        await Assert.ThrowsAsync<AccessDeniedException>(() => TwoFactor.ResetAsync(boss.Id, TestUsers.For("ann@shop.test", Roles.Staff), CancellationToken.None));
        var own = await TwoFactor.ResetAsync(boss.Id, bossPrincipal, CancellationToken.None);
        var unknown = await TwoFactor.ResetAsync("no-such-user", bossPrincipal, CancellationToken.None);
        var reset = await TwoFactor.ResetAsync(ann.Id, bossPrincipal, CancellationToken.None);

        Assert.Equal(MessageCode.TwoFactorResetSelf, Assert.Single(own.Errors).Code);
        Assert.Equal(MessageCode.UserNotFound, Assert.Single(unknown.Errors).Code);
        Assert.True(reset.Succeeded);
        ann = await UserAsync("ann@shop.test");
        Assert.Equal(new TwoFactorStatus(false, false, 0), await TwoFactor.StatusAsync(ann));
        Assert.NotEqual(stamp, ann.SecurityStamp);
        Assert.NotEqual(key, await Users.GetAuthenticatorKeyAsync(ann));
        var entry = await LastAuditAsync();
        Assert.Equal((AuditActions.TwoFactorReset, "boss@shop.test", "ann@shop.test"), (entry.Action, entry.UserName, entry.EntityId));
    }

    [Fact]
    public async Task The_demo_manager_gets_the_documented_key_and_two_factor_on_the_others_do_not()
    {
        await Get<DemoAccounts>().EnsureAsync();

        var manager = await UserAsync("manager@demo.test");
        Assert.Equal(DemoAccounts.AuthenticatorKey, await Users.GetAuthenticatorKeyAsync(manager));
        Assert.True(await Users.VerifyTwoFactorTokenAsync(manager, Users.Options.Tokens.AuthenticatorTokenProvider, CodeFor(DemoAccounts.AuthenticatorKey)));
        Assert.Equal((true, false), (await Users.GetTwoFactorEnabledAsync(manager), await Users.GetTwoFactorEnabledAsync(await UserAsync("staff@demo.test"))));
    }

    private async Task<AuditEntry> LastAuditAsync()
    {
        await using var db = _db.Open();
        return await db.AuditEntries.OrderByDescending(e => e.Id).FirstAsync();
    }
}
