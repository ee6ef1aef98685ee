using MemberCards.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MemberCards.Tests.Accounts;

public sealed class SessionServiceTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private IServiceScope _scope = null!;
    private AppUser _user = null!;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _scope = _db.InScope<IServiceScopeFactory>().CreateScope();
        await Get<RoleSetup>().EnsureAsync();
        await Get<FirstManager>().CreateAsync("boss@shop.test", "a long passphrase");
        _user = (await Users.FindByEmailAsync("boss@shop.test"))!;
    }

    public async ValueTask DisposeAsync()
    {
        _scope.Dispose();
        await _db.DisposeAsync();
    }

    private T Get<T>() where T : notnull => _scope.ServiceProvider.GetRequiredService<T>();

    private UserManager<AppUser> Users => Get<UserManager<AppUser>>();

    private SessionService Sessions => Get<SessionService>();

    private async Task<long> SignInAsync(string browser) =>
        await Sessions.StartAsync(_user.Id, (await Users.GetSecurityStampAsync(_user))!, browser, "192.0.2.7", CancellationToken.None);

    [Fact]
    public async Task Sessions_are_listed_newest_first_with_this_one_marked_and_signing_out_forgets_one()
    {
        var laptop = await SignInAsync("Firefox 140, Windows");
        _db.Clock.UtcNow = _db.Clock.UtcNow.AddMinutes(5);
        var phone = await SignInAsync("Safari 18, iPhone");

        var listed = await Sessions.ListAsync(_user.Id, laptop, CancellationToken.None);
        await Sessions.EndAsync(phone, _user.Id, CancellationToken.None);

        Assert.Equal([(phone, "Safari 18, iPhone", false), (laptop, "Firefox 140, Windows", true)], listed.Select(s => (s.Id, s.Browser, s.IsCurrent)));
        Assert.Equal("192.0.2.7", listed[0].Address);
        Assert.Equal([laptop], (await Sessions.ListAsync(_user.Id, laptop, CancellationToken.None)).Select(s => s.Id));
    }

    [Fact]
    public async Task A_new_security_stamp_ends_every_session_but_the_one_renewed_with_it()
    {
        var here = await SignInAsync("Chrome 140, Linux");
        var elsewhere = await SignInAsync("Edge 140, Windows");

        await Users.UpdateSecurityStampAsync(_user);
        Assert.True(await Sessions.RenewAsync(here, _user.Id, (await Users.GetSecurityStampAsync(_user))!, CancellationToken.None));

        Assert.Equal([here], (await Sessions.ListAsync(_user.Id, here, CancellationToken.None)).Select(s => s.Id));
        Assert.False(await Sessions.RenewAsync(here, "someone-else", "stamp", CancellationToken.None));
        await SignInAsync("Chrome 140, Linux");
        await using var db = _db.Open();
        Assert.DoesNotContain(db.UserSessions, s => s.Id == elsewhere);
    }

    [Fact]
    public async Task A_session_unseen_for_a_cookies_lifetime_is_no_longer_listed()
    {
        var old = await SignInAsync("Chrome 140, Linux");
        _db.Clock.UtcNow += SignInPolicy.SessionLifetime;
        var seen = await SignInAsync("Chrome 140, Linux");
        Assert.Equal([seen, old], (await Sessions.ListAsync(_user.Id, null, CancellationToken.None)).Select(s => s.Id));

        _db.Clock.UtcNow = _db.Clock.UtcNow.AddSeconds(1);

        Assert.Equal([seen], (await Sessions.ListAsync(_user.Id, null, CancellationToken.None)).Select(s => s.Id));
    }

    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36 Edg/140.0.3485.54", "Edge 140, Windows")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1", "Safari 18, iPhone")]
    [InlineData("Mozilla/5.0 (Linux; Android 14; V2309A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0 Mobile Safari/537.36 MicroMessenger/8.0.50", "WeChat 8, Android")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36", "Headless Chrome 140, Linux")]
    [InlineData("curl/8.5.0", "curl/8.5.0")]
    [InlineData(null, "?")]
    public void A_user_agent_is_shortened_to_browser_and_system(string? userAgent, string label) =>
        Assert.Equal(label, BrowserLabel.From(userAgent));
}
