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

/// <summary>
/// A real database, migrated, with the app's services over it: a SQLite file in a temp folder, or on PostgreSQL
/// (<see cref="TestProvider"/>) a database of its own (<see cref="PostgreSqlTemplate"/>).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public static readonly DateTime DefaultNow = new(2026, 3, 20, 15, 0, 0, DateTimeKind.Utc);

    private readonly ServiceProvider _services;
    private readonly MemberCardsOptions _options;
    private readonly string? _postgresDatabase;

    private TestDatabase(string folder, FixedClock clock, MemberCardsOptions options, string? postgresDatabase, string? connectionString, DatabaseProvider provider)
    {
        Provider = provider;
        Folder = folder;
        Clock = clock;
        FilePath = Path.Combine(folder, "test.db");
        _postgresDatabase = postgresDatabase;
        _options = options;
        ConnectionString = connectionString ?? $"Data Source={FilePath}";
        _services = Build(ConnectionString, clock, options, provider);
    }

    public string Folder { get; }

    /// <summary>The SQLite file (SQLite only).</summary>
    public string FilePath { get; }

    public string ConnectionString { get; }

    public DatabaseProvider Provider { get; }
    public FixedClock Clock { get; }

    /// <summary>The options every service reads; a test may change a limit before it acts.</summary>
    public MemberCardsOptions Options => _options;

    /// <param name="provider">The assembly's provider unless given (the move to PostgreSQL starts from a SQLite file).</param>
    /// <param name="region">The store's <see cref="MemberCardsOptions.Region"/> ("CN": Chinese mobile numbers).</param>
    public static async Task<TestDatabase> CreateAsync(DateTime? utcNow = null, string timeZone = "America/New_York", DatabaseProvider? provider = null, string region = "")
    {
        var on = provider ?? TestProvider.Current;
        var folder = Path.Combine(Path.GetTempPath(), "membercards-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var (name, connectionString) = (default(string), default(string));
        if (on == DatabaseProvider.PostgreSql)
        {
            name = await PostgreSqlTemplate.CreateDatabaseAsync();
            connectionString = (await PostgreSqlServer.GetAsync()).For(name);
        }
        var database = new TestDatabase(folder, new FixedClock(utcNow ?? DefaultNow), new MemberCardsOptions { TimeZone = timeZone, Region = region }, name, connectionString, on);
        var problem = await database.Get<DatabaseStartup>().PrepareAsync(CancellationToken.None);
        Assert.Null(problem);
        return database;
    }

    private static ServiceProvider Build(string connectionString, FixedClock clock, MemberCardsOptions options, DatabaseProvider provider, Action<IServiceCollection>? addServices = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMemberCards(connectionString, provider);
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
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
        services.AddScoped<TwoFactorService>();
        addServices?.Invoke(services);
        return services.BuildServiceProvider();
    }

    /// <summary>The app's services once more over the same database, as a second web instance has them.</summary>
    /// <param name="addServices">Services this instance has besides the app's, e.g. an EF Core interceptor through ConfigureDbContext.</param>
    public ServiceProvider NewInstance(Action<IServiceCollection>? addServices = null) => Build(ConnectionString, Clock, _options, Provider, addServices);

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

    /// <summary>
    /// From now on, an <paramref name="operation"/> (INSERT or UPDATE) on <paramref name="table"/> fails inside the
    /// database, as a full disk would — only for audit entries of <paramref name="action"/> when it is given.
    /// </summary>
    public async Task FailWritesAsync(string name, string table, string operation, string? action = null)
    {
        // Written into the text: neither engine takes parameters in a trigger's definition.
        Assert.Matches("^[a-z_]+$", name);
        Assert.Matches("^[A-Za-z]+$", table);
        Assert.Matches("^(INSERT|UPDATE)$", operation);
        Assert.Matches("^[a-z.]*$", action ?? "");
        var sql = Provider == DatabaseProvider.PostgreSql
            ? $"""
                CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$;
                CREATE TRIGGER {name} BEFORE {operation} ON "{table}" FOR EACH ROW {(action is null ? "" : $"WHEN (NEW.\"Action\" = '{action}')")} EXECUTE FUNCTION {name}();
                """
            : $"""
                CREATE TRIGGER {name} BEFORE {operation} ON "{table}" {(action is null ? "" : $"WHEN NEW.\"Action\" = '{action}'")}
                BEGIN SELECT RAISE(ABORT, 'disk full'); END
                """;
        await using var db = Open();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    /// <summary>Ends a failure set up by <see cref="FailWritesAsync"/>.</summary>
    public async Task StopFailingAsync(string name, string table)
    {
        Assert.Matches("^[a-z_]+$", name);
        Assert.Matches("^[A-Za-z]+$", table);
        await using var db = Open();
        await db.Database.ExecuteSqlRawAsync(Provider == DatabaseProvider.PostgreSql
            ? $"DROP TRIGGER {name} ON \"{table}\"; DROP FUNCTION {name}();"
            : $"DROP TRIGGER {name}");
    }

    /// <summary>The definition of every index, ordered by name, as the engine reports it.</summary>
    public async Task<List<string>> IndexDefinitionsAsync()
    {
        await using var db = Open();
        return await db.Database.SqlQueryRaw<string>(Provider == DatabaseProvider.PostgreSql
            ? "SELECT indexdef AS \"Value\" FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname"
            : "SELECT sql AS \"Value\" FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").ToListAsync();
    }

    public async Task<int> TriggerCountAsync()
    {
        await using var db = Open();
        return await db.Database.SqlQueryRaw<int>(Provider == DatabaseProvider.PostgreSql
            ? "SELECT COUNT(*)::int AS \"Value\" FROM information_schema.triggers WHERE trigger_schema = 'public'"
            : "SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'trigger'").SingleAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_postgresDatabase is not null)
        {
            await (await PostgreSqlServer.GetAsync()).DropDatabaseAsync(_postgresDatabase);
        }
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
