using System.Globalization;
using MemberCards.Accounts;
using MemberCards.Data;
using MemberCards.Purchases;

namespace MemberCards.Web;

public static class MoveToPostgreSqlCommand
{
    public const string Name = "migrate-to-postgres";

    /// <summary>
    /// <c>migrate-to-postgres --to "CONNECTION STRING"</c>: copies the configured SQLite database into an empty
    /// PostgreSQL one with the sign-in keys from <paramref name="keysFolder"/> (so nobody has to sign in again),
    /// prints the rows copied per table, then runs the figures check on the copy. Exits 0 only
    /// when the copy is complete and clean; 1 with one line saying what to do when the target cannot take it.
    /// </summary>
    public static async Task<int> MoveToPostgreSqlAsync(this WebApplication app, string[] args, string? keysFolder)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(args);
        var target = args.SkipWhile(a => a != "--to").Skip(1).FirstOrDefault();
        if (string.IsNullOrWhiteSpace(target))
        {
            await Console.Error.WriteLineAsync($"usage: dotnet MemberCards.Web.dll {Name} --to \"Host=…;Port=…;Database=…;Username=…;Password=…\"   (an empty PostgreSQL database)");
            return 2;
        }
        var stopping = app.Lifetime.ApplicationStopping;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var moved = await scope.ServiceProvider.GetRequiredService<PostgreSqlMove>().MoveAsync(target, keysFolder, stopping);
            if (moved.Problem is not null)
            {
                await Console.Error.WriteLineAsync($"Nothing was moved: {moved.Problem}");
                return 1;
            }
            foreach (var table in moved.Copied)
            {
                await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{table.Table}: {table.Rows} rows"));
            }
        }
        await using var copy = new ServiceCollection().AddLogging().AddMemberCards(target, DatabaseProvider.PostgreSql).BuildServiceProvider();
        await using var checking = copy.CreateAsyncScope();
        var mismatches = await checking.ServiceProvider.GetRequiredService<FiguresCheck>().FindMismatchesAsync(Access.System, stopping);
        foreach (var m in mismatches)
        {
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{m.Figure} {m.Key}: stored {m.Stored?.ToString(CultureInfo.InvariantCulture) ?? "none"}, recomputed {m.Actual?.ToString(CultureInfo.InvariantCulture) ?? "none"}"));
        }
        await Console.Out.WriteLineAsync(mismatches.Count == 0
            ? $"Moved to {PostgreSqlStartupCheck.Describe(target)}; every figure on the copy equals what its purchases give. Point MemberCards:Database:Provider and ConnectionStrings:MemberCards at it."
            : string.Create(CultureInfo.InvariantCulture, $"Moved, but {mismatches.Count} figures on the copy differ from what its purchases give: run check-figures on the SQLite database too."));
        return mismatches.Count == 0 ? 0 : 1;
    }
}
