namespace MemberCards.E2E;

/// <summary>Outside Development nothing makes an account by itself; the installer creates the first manager once.</summary>
public sealed class FirstManagerCommandTests
{
    private static Dictionary<string, string> Production(string password) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["MEMBERCARDS_PASSWORD"] = password,
    };

    [Fact]
    public async Task The_first_manager_is_created_once_and_the_command_then_refuses()
    {
        using var data = new TempFolder();
        var database = $"Data Source={data.File("membercards.db")}";

        await using var weak = AppProcess.Start(database, Production("short"), ["create-manager", "boss@shop.test"]);
        Assert.Equal(1, await weak.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("No manager was created: Passwords must be at least 10 characters.", weak.Output, StringComparison.Ordinal);

        await using var first = AppProcess.Start(database, Production("a long enough passphrase"), ["create-manager", "boss@shop.test"]);
        Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("Created the manager boss@shop.test.", first.Output, StringComparison.Ordinal);

        await using var second = AppProcess.Start(database, Production("another long passphrase"), ["create-manager", "intruder@shop.test"]);
        Assert.Equal(1, await second.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("A manager already exists", second.Output, StringComparison.Ordinal);
    }
}
