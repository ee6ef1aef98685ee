using MemberCards.Accounts;
using MemberCards.Data;
using MemberCards.Members;
using MemberCards.Products;
using MemberCards.Purchases;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MemberCards.Tests;

/// <summary>A fixed "now" so tests about today, days and months don't depend on when they run.</summary>
public sealed class FixedClock(DateTime utcNow) : TimeProvider
{
    public DateTime UtcNow { get; set; } = utcNow;

    public override DateTimeOffset GetUtcNow() => new(UtcNow, TimeSpan.Zero);
}

/// <summary>A real SQLite file in a temp folder, migrated, with the app's services over it.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public static readonly DateTime DefaultNow = new(2026, 3, 20, 15, 0, 0, DateTimeKind.Utc);

    private readonly ServiceProvider _services;

    private TestDatabase(string folder, FixedClock clock, MemberCardsOptions options)
    {
        Folder = folder;
        Clock = clock;
        FilePath = Path.Combine(folder, "test.db");
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMemberCards($"Data Source={FilePath}");
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(Options.Create(options));
        services.AddIdentityCore<AppUser>(SignInPolicy.Apply)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<MemberCardsDb>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddDefaultTokenProviders();
        services.AddDataProtection();
        services.AddScoped<RoleSetup>();
        services.AddScoped<FirstManager>();
        services.AddScoped<DemoAccounts>();
        services.AddScoped<UserService>();
        _services = services.BuildServiceProvider();
    }

    public string Folder { get; }
    public string FilePath { get; }
    public FixedClock Clock { get; }

    public static async Task<TestDatabase> CreateAsync(DateTime? utcNow = null, string timeZone = "America/New_York")
    {
        var folder = Path.Combine(Path.GetTempPath(), "membercards-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = new TestDatabase(folder, new FixedClock(utcNow ?? DefaultNow), new MemberCardsOptions { TimeZone = timeZone });
        var problem = await database.Get<DatabaseStartup>().PrepareAsync(CancellationToken.None);
        Assert.Null(problem);
        return database;
    }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>A scoped service (Identity's managers are scoped) from a fresh scope.</summary>
    public T InScope<T>() where T : notnull => _services.CreateScope().ServiceProvider.GetRequiredService<T>();

    public MemberCardsDb Open() => Get<IDbContextFactory<MemberCardsDb>>().CreateDbContext();

    public async Task<int> AddMemberAsync(string name = "Ada Lovelace", string? phone = null, string? email = null)
    {
        var result = await Get<MemberService>().CreateAsync(new NewMember(name, email, phone), TestUsers.Staff, CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Code}")));
        return result.Value!.MemberId;
    }

    public async Task<int> AddProductAsync(string name, long priceMinor, string category = "Coffee", bool active = true)
    {
        await using var db = Open();
        var product = new Product { Name = name, Category = category, UnitPriceMinor = priceMinor, IsActive = active };
        db.Products.Add(product);
        await db.SaveChangesAsync();
        return product.Id;
    }

    /// <summary>
    /// A staff member records the purchase at the till at <paramref name="at"/>: the clock is moved there for the
    /// call, since staff can only record "now" (only managers backdate, and only by a few days).
    /// </summary>
    public async Task<int> RecordAsync(int memberId, DateTime at, params (int ProductId, int Quantity)[] lines)
    {
        var now = Clock.UtcNow;
        Clock.UtcNow = at;
        try
        {
            var result = await Get<PurchaseService>().RecordAsync(
                new NewPurchase(memberId, [.. lines.Select(l => new NewPurchaseLine(l.ProductId, l.Quantity))]), TestUsers.Staff, CancellationToken.None);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Code}")));
            return result.Value!.PurchaseId;
        }
        finally
        {
            Clock.UtcNow = now;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
