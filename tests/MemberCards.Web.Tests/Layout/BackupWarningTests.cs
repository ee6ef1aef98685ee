using MemberCards.Web.Components.Layout;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MemberCards.Web.Tests.Layout;

/// <summary>
/// Three days after the shop's database began, with no backup made: a manager sees it under every page and backs up
/// from there; staff never see it. PostgreSQL shops back up with pg_dump, so they never see it either.
/// </summary>
public sealed class BackupWarningTests() : DatabaseTestContext(services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(3))))
{
    [Fact]
    public async Task A_manager_sees_that_no_backup_was_made_and_makes_one_from_the_warning()
    {
        var warning = Render<BackupWarning>();

#if POSTGRESQL
        Assert.Empty(warning.FindAll(".backup-warning"));
        await Task.CompletedTask;
#else
        warning.WaitForAssertion(() => Assert.Contains("No backup of this shop's database has been made yet.", warning.Find(".backup-warning").TextContent, StringComparison.Ordinal));

        await warning.ClickAsync(() => warning.FindAll(".backup-warning button").Single(b => b.TextContent.Contains("Back up now", StringComparison.Ordinal)));

        warning.WaitForAssertion(() => Assert.Empty(warning.FindAll(".backup-warning")));
#endif
    }

    [Fact]
    public void Staff_never_see_it()
    {
        Authorization.SetAuthorized("staff@test");
        Authorization.SetRoles(MemberCards.Accounts.Roles.Staff);

        var warning = Render<BackupWarning>();

        Assert.Empty(warning.FindAll(".backup-warning"));
    }
}
