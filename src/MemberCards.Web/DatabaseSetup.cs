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
    public static async Task<bool> PrepareDatabaseAsync(this WebApplication app, DataLocation database, string? keysFolder, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(database);
        var logger = app.Logger;
        var options = app.Services.GetRequiredService<IOptions<MemberCardsOptions>>().Value;
        if (database.FilePath is { } file)
        {
            MakeOwnerOnly(database.IsDefault, file, keysFolder);
        }

        await using var scope = app.Services.CreateAsyncScope();
        var problem = await scope.ServiceProvider.GetRequiredService<DatabaseStartup>().PrepareAsync(app.Lifetime.ApplicationStopping);
        if (problem is null && database.FilePath is { } path && ReadableByOthers(path, keysFolder, options.Backup) is { } exposed)
        {
            if (options.FilesReadableByOthers == FilesReadableByOthers.Refuse)
            {
                problem = exposed + $" (or set {MemberCardsOptions.Section}:{nameof(MemberCardsOptions.FilesReadableByOthers)} to {FilesReadableByOthers.Warn} to start anyway)";
            }
            else
            {
                logger.LogWarning("Member Cards starts, but: {Problem}", exposed);
            }
        }
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

        var demo = options.DemoData;
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

    // The shipped default folder is made on first run (a configured folder must already exist), a new database file
    // and the key folder are made before anything writes to them: all for the app's user only.
    private static void MakeOwnerOnly(bool isDefault, string databaseFile, string? keysFolder)
    {
        var folder = Path.GetDirectoryName(databaseFile)!;
        if (isDefault)
        {
            OwnerOnlyFiles.CreateFolder(folder);
        }
        if (!Directory.Exists(folder))
        {
            return;
        }
        if (!File.Exists(databaseFile))
        {
            OwnerOnlyFiles.Create(databaseFile).Dispose();
        }
        OwnerOnlyFiles.CreateFolder(keysFolder ?? Path.Combine(folder, "keys"));
    }

    // The database and its journal, the folder of the sign-in keys, the backup key: what other users of the machine
    // could read the members' data and money with, or forge a sign-in. Null when none.
    private static string? ReadableByOthers(string databaseFile, string? keysFolder, MemberCards.Backups.BackupOptions backup)
    {
        var folder = Path.GetDirectoryName(databaseFile)!;
        string?[] paths = [databaseFile, databaseFile + "-wal", databaseFile + "-shm", Path.Combine(folder, "keys"), keysFolder,
            string.IsNullOrWhiteSpace(backup.KeyFile) ? null : Path.GetFullPath(backup.KeyFile, folder)];
        var exposed = OwnerOnlyFiles.ReadableByOthers(paths.OfType<string>().Distinct());
        return exposed.Count == 0 ? null
            : $"other users of this machine can read {string.Join(", ", exposed.Select(e => $"{e.Path} (mode {e.Mode})"))}: "
              + $"make them the app user's only with `chmod 600` for a file and `chmod 700` for a folder";
    }
}
