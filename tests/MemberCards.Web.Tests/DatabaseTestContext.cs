using MemberCards.Data;
using Microsoft.Extensions.DependencyInjection;

namespace MemberCards.Web.Tests;

/// <summary>
/// bUnit with MudBlazor over the app's real services and a real, migrated SQLite file in a temp folder of its own.
/// Derived classes put their data in <see cref="SeedAsync"/>.
/// </summary>
public abstract class DatabaseTestContext : MudTestContext, IAsyncLifetime
{
    private readonly string _folder;

    /// <param name="addServices">Services a test class needs besides the app's, e.g. an EF Core interceptor through ConfigureDbContext.</param>
    protected DatabaseTestContext(Action<IServiceCollection>? addServices = null)
        : this(Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "membercards-web-tests", Guid.NewGuid().ToString("N"))).FullName, addServices)
    {
    }

    private DatabaseTestContext(string folder, Action<IServiceCollection>? addServices)
        : base(services =>
        {
            services.AddLogging().AddMemberCards($"Data Source={Path.Combine(folder, "test.db")}");
            addServices?.Invoke(services);
        }) => _folder = folder;

    public async ValueTask InitializeAsync()
    {
        Assert.Null(await Services.GetRequiredService<DatabaseStartup>().PrepareAsync(CancellationToken.None));
        await SeedAsync();
    }

    protected virtual Task SeedAsync() => Task.CompletedTask;

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }
}
