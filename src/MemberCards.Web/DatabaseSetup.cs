using MemberCards;
using MemberCards.Accounts;
using MemberCards.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MemberCards.Web;

public static class DatabaseSetup
{
    /// <summary>
    /// Checks and migrates the database before the app serves anything, makes sure the roles exist, and in
    /// Development adds the demo accounts and fills an empty database with demo data. Returns false, after one log line saying what is wrong and what to do, when it cannot.
    /// </summary>
    public static async Task<bool> PrepareDatabaseAsync(this WebApplication app, DataLocation database, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(database);
        var logger = app.Logger;
        if (database.IsDefault)
        {
            // The shipped default folder is created on first run; a configured folder must already exist.
            Directory.CreateDirectory(Path.GetDirectoryName(database.FilePath)!);
        }

        await using var scope = app.Services.CreateAsyncScope();
        var problem = await scope.ServiceProvider.GetRequiredService<DatabaseStartup>().PrepareAsync(app.Lifetime.ApplicationStopping);
        if (problem is not null)
        {
            logger.LogCritical("Member Cards cannot start: {Problem}", problem);
            return false;
        }

        await scope.ServiceProvider.GetRequiredService<RoleSetup>().EnsureAsync();
        if (app.Environment.IsDevelopment())
        {
            await scope.ServiceProvider.GetRequiredService<DemoAccounts>().EnsureAsync();
        }
        else if (!args.Contains(FirstManagerCommand.Name) && !scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().Users.Any())
        {
            logger.LogWarning("No user exists yet: create the first manager with `dotnet MemberCards.Web.dll create-manager EMAIL` (README, \"First run\").");
        }

        var demo = app.Services.GetRequiredService<IOptions<MemberCardsOptions>>().Value.DemoData;
        var demoData = scope.ServiceProvider.GetRequiredService<DemoData>();
        if (app.Environment.IsDevelopment() && demo.Enabled && await demoData.IsEmptyAsync(app.Lifetime.ApplicationStopping))
        {
            // The fill is one transaction: a start stopped half way left nothing, so this start fills it all again.
            logger.LogInformation("Generating demo data: {Members} members, {Purchases} purchases (all or nothing: a start interrupted earlier left none)", demo.Members, demo.Purchases);
            await demoData.GenerateAsync(demo, app.Lifetime.ApplicationStopping);
            logger.LogInformation("Demo data complete");
        }
        return true;
    }
}
