using MemberCards.Accounts;
using MemberCards.Web.Localization;

namespace MemberCards.Web;

public static class FirstManagerCommand
{
    public const string Name = "create-manager";

    /// <summary>
    /// <c>create-manager EMAIL</c>: creates the first manager and exits. The password is read from the
    /// MEMBERCARDS_PASSWORD environment variable, or else from standard input, never from the command line
    /// (it would stay in the shell's history).
    /// </summary>
    public static async Task<int> CreateFirstManagerAsync(this WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(args);
        var email = args.SkipWhile(a => a != Name).Skip(1).FirstOrDefault();
        if (email is null)
        {
            await Console.Error.WriteLineAsync("usage: dotnet run --project src/MemberCards.Web -- create-manager EMAIL   (password from MEMBERCARDS_PASSWORD or standard input)");
            return 2;
        }
        var password = Environment.GetEnvironmentVariable("MEMBERCARDS_PASSWORD");
        if (string.IsNullOrEmpty(password))
        {
            await Console.Out.WriteAsync("Password for the first manager (at least 10 characters): ");
            password = await Console.In.ReadLineAsync() ?? "";
        }
        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<FirstManager>().CreateAsync(email, password);
        if (!result.Succeeded)
        {
            await Console.Error.WriteLineAsync($"No manager was created: {string.Join(" ", result.Errors.Select(scope.ServiceProvider.GetRequiredService<Messages>().Say))}");
            return 1;
        }
        await Console.Out.WriteLineAsync($"Created the manager {result.Value}. Start the app and sign in.");
        return 0;
    }
}
