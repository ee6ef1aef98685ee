using MemberCards.Data;
using Microsoft.Extensions.DependencyInjection;

namespace MemberCards.Web.Tests;

/// <summary>
/// bUnit with MudBlazor over the app's real services and a real, migrated database of its own (<see cref="TestStore"/>:
/// SQLite, or PostgreSQL in MemberCards.Web.Tests.PostgreSql). Derived classes put their data in <see cref="SeedAsync"/>.
/// </summary>
public abstract class DatabaseTestContext : MudTestContext, IAsyncLifetime
{
    private readonly TestStore _store;

    /// <param name="addServices">Services a test class needs besides the app's, e.g. an EF Core interceptor through ConfigureDbContext.</param>
    protected DatabaseTestContext(Action<IServiceCollection>? addServices = null)
        : this(TestStore.Create(), addServices)
    {
    }

    private DatabaseTestContext(TestStore store, Action<IServiceCollection>? addServices)
        : base(services =>
        {
            services.AddLogging().AddMemberCards(store.ConnectionString, store.Provider);
            addServices?.Invoke(services);
        }) => _store = store;

    public async ValueTask InitializeAsync()
    {
        Assert.Null(await Services.GetRequiredService<DatabaseStartup>().PrepareAsync(CancellationToken.None));
        await SeedAsync();
    }

    protected virtual Task SeedAsync() => Task.CompletedTask;

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _store.RemoveAsync();
        GC.SuppressFinalize(this);
    }
}
