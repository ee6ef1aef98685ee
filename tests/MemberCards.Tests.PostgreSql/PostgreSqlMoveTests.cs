using MemberCards.Accounts;
using MemberCards.CardValue;
using MemberCards.Data;
using MemberCards.Products;
using MemberCards.Purchases;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberCards.Tests;

/// <summary>A shop's SQLite database moved into PostgreSQL (migrate-to-postgres): all of it, or nothing when the target can't take it.</summary>
public sealed class PostgreSqlMoveTests : IAsyncLifetime
{
    private static readonly DateTime Monday = new(2026, 3, 16, 14, 0, 0, DateTimeKind.Utc);
    private TestDatabase _shop = null!;

    public async ValueTask InitializeAsync()
    {
        _shop = await TestDatabase.CreateAsync(provider: DatabaseProvider.Sqlite);
        await _shop.InScope<RoleSetup>().EnsureAsync();
        Assert.True((await _shop.InScope<FirstManager>().CreateAsync("owner@shop.test", "long enough owner passphrase 7")).Succeeded);
        var ada = await _shop.AddMemberAsync("Ada Lovelace", email: "ada@shop.test");
        var grace = await _shop.AddMemberAsync("Grace Hopper", phone: "5551234567");
        var latte = await _shop.AddProductAsync("Latte", 450);
        var cake = await _shop.AddProductAsync("Cake", 600, "Bakery");
        var voided = await _shop.RecordAsync(ada, Monday, (latte, 2), (cake, 1));
        await _shop.RecordAsync(ada, Monday.AddDays(1), (latte, 1));
        await _shop.RecordAsync(grace, Monday.AddHours(2), (cake, 3));
        Assert.True((await _shop.Get<PurchaseService>().VoidAsync(voided, "Wrong card", TestUsers.Manager, CancellationToken.None)).Succeeded);
        // Card value, with the columns SQLite stores as text: a date (a lot's last day, a rule's dates) and a list (excluded categories).
        var rules = _shop.Get<CardRulesService>();
        Assert.True((await rules.SavePointsRuleAsync(new PointsRule { ExcludedCategories = ["Bakery"] }, TestUsers.Manager, CancellationToken.None)).Succeeded);
        Assert.True((await rules.SaveTopUpRuleAsync(new TopUpRuleInput(0, 10_000, 1_000, 0, 0, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), true), TestUsers.Manager, CancellationToken.None)).Succeeded);
        Assert.True((await _shop.Get<TopUpService>().RecordAsync(new NewTopUp(ada, 10_000, PaymentMethod.Cash), TestUsers.Staff, CancellationToken.None)).Succeeded);
        Assert.True((await _shop.Get<PurchaseService>().RecordAsync(
            new NewPurchase(ada, [new NewPurchaseLine(latte, 2), new NewPurchaseLine(cake, 1)], Tenders: [new Tender(PaymentMethod.StoredValue, 1_500)]), TestUsers.Staff, CancellationToken.None)).Succeeded);
    }

    public ValueTask DisposeAsync() => _shop.DisposeAsync();

    /// <summary>Where the shop keeps its sign-in keys, as the web app does beside its SQLite file.</summary>
    private string Keys => Path.Combine(_shop.Folder, "keys");

    // The purposes ASP.NET Core's sign-in cookie is protected with.
    private static IDataProtector SignInCookies(IServiceProvider services) =>
        services.GetDataProtector("Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", "Identity.Application", "v2");

    [Fact]
    public async Task The_sign_in_keys_move_too_so_a_cookie_issued_before_the_move_is_read_after_it()
    {
        string cookie;
        await using (var before = new ServiceCollection().AddDataProtection().SetApplicationName("MemberCards").PersistKeysToFileSystem(new DirectoryInfo(Keys)).Services.BuildServiceProvider())
        {
            cookie = SignInCookies(before).Protect("owner@shop.test");
        }
        var server = await PostgreSqlServer.GetAsync();
        var name = await server.CreateDatabaseAsync();
        try
        {
            var moved = await _shop.Get<PostgreSqlMove>().MoveAsync(server.For(name), Keys, CancellationToken.None);

            Assert.Null(moved.Problem);
            Assert.Equal(1, moved.Copied.Single(c => c.Table == "DataProtectionKeys").Rows);
            // The key ring as a PostgreSQL instance of the app reads it (Program.cs).
            var instance = new ServiceCollection().AddLogging().AddMemberCards(server.For(name), DatabaseProvider.PostgreSql);
            instance.AddDataProtection().SetApplicationName("MemberCards").PersistKeysToDbContext<DataProtectionKeysDb>();
            await using var after = instance.BuildServiceProvider();
            Assert.Equal("owner@shop.test", SignInCookies(after).Unprotect(cookie));
        }
        finally
        {
            await server.DropDatabaseAsync(name);
        }
    }

    [Fact]
    public async Task An_unreadable_key_file_is_named_and_nothing_is_copied()
    {
        Directory.CreateDirectory(Keys);
        await File.WriteAllTextAsync(Path.Combine(Keys, "key-0f8fad5b-d9cb-469f-a165-70867728950e.xml"), "<key id=");
        var server = await PostgreSqlServer.GetAsync();
        var name = await server.CreateDatabaseAsync();
        try
        {
            var moved = await _shop.Get<PostgreSqlMove>().MoveAsync(server.For(name), Keys, CancellationToken.None);

            Assert.StartsWith($"A sign-in key file in {Keys} is not readable (", moved.Problem, StringComparison.Ordinal);
            Assert.EndsWith("nothing was copied.", moved.Problem, StringComparison.Ordinal);
            await using var services = new ServiceCollection().AddLogging().AddMemberCards(server.For(name), DatabaseProvider.PostgreSql).BuildServiceProvider();
            await using var copy = await services.GetRequiredService<IDbContextFactory<MemberCardsDb>>().CreateDbContextAsync();
            Assert.Equal((0, 0), (await copy.Members.CountAsync(), await copy.Users.CountAsync()));
        }
        finally
        {
            await server.DropDatabaseAsync(name);
        }
    }

    [Fact]
    public async Task Every_table_is_copied_with_its_ids_the_figures_match_and_new_rows_get_fresh_ids()
    {
        var server = await PostgreSqlServer.GetAsync();
        var name = await server.CreateDatabaseAsync();
        try
        {
            var moved = await _shop.Get<PostgreSqlMove>().MoveAsync(server.For(name), Keys, CancellationToken.None);

            Assert.Null(moved.Problem);
            await using var services = new ServiceCollection().AddLogging().AddMemberCards(server.For(name), DatabaseProvider.PostgreSql).BuildServiceProvider();
            var copyFactory = services.GetRequiredService<IDbContextFactory<MemberCardsDb>>();
            await using var source = _shop.Open();
            await using var copy = await copyFactory.CreateDbContextAsync();
            foreach (var table in source.Model.GetEntityTypes().Select(e => e.GetTableName()!).Distinct())
            {
                var rows = await CountAsync(source, table);
                Assert.Equal((table, rows), (table, await CountAsync(copy, table)));
                Assert.Equal((table, rows), (table, moved.Copied.Single(c => c.Table == table).Rows));
            }
            Assert.Equal(2, await copy.Members.CountAsync());
            Assert.Equal(4, await copy.Purchases.CountAsync());
            Assert.Equal(["Bakery"], (await copy.PointsRules.SingleAsync()).ExcludedCategories);
            Assert.Equal((new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)), await copy.TopUpRules.Select(r => new ValueTuple<DateOnly?, DateOnly?>(r.ActiveFrom, r.ActiveTo)).SingleAsync());
            Assert.Equal(await source.PointsLots.Select(l => l.ExpiresOn).SingleAsync(), await copy.PointsLots.Select(l => l.ExpiresOn).SingleAsync());
            Assert.Equal(1, await copy.Purchases.CountAsync(p => p.VoidedAt != null));
            Assert.Equal("owner@shop.test", (await copy.Users.SingleAsync()).Email);
            Assert.NotEqual(0, await copy.AuditEntries.CountAsync());

            var figures = await source.Members.OrderBy(m => m.Id).Select(m => new { m.Id, m.CardNumber, m.Name, m.PurchaseCount, m.TotalSpentMinor, m.LastPurchaseAt }).ToListAsync();
            Assert.Equal(figures, await copy.Members.OrderBy(m => m.Id).Select(m => new { m.Id, m.CardNumber, m.Name, m.PurchaseCount, m.TotalSpentMinor, m.LastPurchaseAt }).ToListAsync());
            Assert.Equal(
                await source.Purchases.OrderBy(p => p.Id).Select(p => new { p.Id, p.MemberId, p.TotalMinor, p.PurchasedAt, p.VoidedAt, p.IdempotencyKey }).ToListAsync(),
                await copy.Purchases.OrderBy(p => p.Id).Select(p => new { p.Id, p.MemberId, p.TotalMinor, p.PurchasedAt, p.VoidedAt, p.IdempotencyKey }).ToListAsync());
            Assert.Empty(await services.CreateScope().ServiceProvider.GetRequiredService<FiguresCheck>().FindMismatchesAsync(TestUsers.Manager, CancellationToken.None));

            // The sequences were moved past the copied ids: a product added on the copy does not clash with one copied.
            var tea = new Product { Name = "Tea", Category = "Tea", UnitPriceMinor = 300 };
            copy.Products.Add(tea);
            await copy.SaveChangesAsync();
            Assert.Equal(await source.Products.MaxAsync(p => p.Id) + 1, tea.Id);
        }
        finally
        {
            await server.DropDatabaseAsync(name);
        }
    }

    [Fact]
    public async Task A_target_that_holds_rows_is_refused_and_left_as_it_was()
    {
        await using var target = await TestDatabase.CreateAsync();
        await target.AddMemberAsync("Someone Else");

        var moved = await _shop.Get<PostgreSqlMove>().MoveAsync(target.ConnectionString, Keys, CancellationToken.None);

        Assert.NotNull(moved.Problem);
        Assert.Matches("^The target .+ is not empty \\(table \\w+ holds rows\\): give migrate-to-postgres a new, empty database", moved.Problem);
        Assert.Empty(moved.Copied);
        await using var db = target.Open();
        Assert.Equal(["Someone Else"], await db.Members.Select(m => m.Name).ToListAsync());
        Assert.Equal(0, await db.Purchases.CountAsync());
        Assert.Equal(0, await db.Users.CountAsync());
    }

    [Fact]
    public async Task A_target_migrated_by_a_newer_version_is_refused_and_left_as_it_was()
    {
        await using var target = await TestDatabase.CreateAsync();
        await using (var db = target.Open())
        {
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "__EFMigrationsHistory" VALUES ('29990101000000_FromTheFuture', '99.0.0')""");
        }

        var moved = await _shop.Get<PostgreSqlMove>().MoveAsync(target.ConnectionString, Keys, CancellationToken.None);

        Assert.NotNull(moved.Problem);
        Assert.Contains("has a newer schema than this version of Member Cards knows (29990101000000_FromTheFuture): give it a new, empty database.", moved.Problem, StringComparison.Ordinal);
        await using var check = target.Open();
        Assert.Equal((0, 0), (await check.Members.CountAsync(), await check.Users.CountAsync()));
    }

    [Fact]
    public async Task A_row_SQLite_kept_but_PostgreSQL_refuses_is_named_and_nothing_is_copied()
    {
        await using (var db = _shop.Open())
        {
            // SQLite never enforced the declared 100 characters; PostgreSQL's varchar(100) does.
            await db.Database.ExecuteSqlRawAsync("UPDATE \"Members\" SET \"Name\" = printf('%.150c', 'x') WHERE \"Id\" = (SELECT MIN(\"Id\") FROM \"Members\")");
        }
        var server = await PostgreSqlServer.GetAsync();
        var name = await server.CreateDatabaseAsync();
        try
        {
            var moved = await _shop.Get<PostgreSqlMove>().MoveAsync(server.For(name), Keys, CancellationToken.None);

            Assert.NotNull(moved.Problem);
            Assert.StartsWith("A row of Members does not fit PostgreSQL (value too long for type character varying(100)", moved.Problem, StringComparison.Ordinal);
            Assert.EndsWith("nothing was copied.", moved.Problem, StringComparison.Ordinal);
            await using var services = new ServiceCollection().AddLogging().AddMemberCards(server.For(name), DatabaseProvider.PostgreSql).BuildServiceProvider();
            await using var copy = await services.GetRequiredService<IDbContextFactory<MemberCardsDb>>().CreateDbContextAsync();
            Assert.Equal((0, 0, 0), (await copy.Members.CountAsync(), await copy.Users.CountAsync(), await copy.AuditEntries.CountAsync()));
        }
        finally
        {
            await server.DropDatabaseAsync(name);
        }
    }

    [Fact]
    public async Task A_target_that_does_not_answer_is_named_with_what_to_fix()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var moved = await _shop.Get<PostgreSqlMove>().MoveAsync($"Host=127.0.0.1;Port={port};Database=shop;Username=postgres;Timeout=3", Keys, CancellationToken.None);

        Assert.StartsWith($"PostgreSQL at 127.0.0.1:{port} cannot be reached", moved.Problem, StringComparison.Ordinal);
        Assert.EndsWith("start the server, or fix Host and Port in --to.", moved.Problem, StringComparison.Ordinal);
        Assert.Empty(moved.Copied);
    }

    // Table names come from the model, not from input.
    private static Task<int> CountAsync(MemberCardsDb db, string table)
    {
        var sql = $"SELECT CAST(COUNT(*) AS INTEGER) AS \"Value\" FROM \"{table}\"";
        return db.Database.SqlQueryRaw<int>(sql).SingleAsync();
    }
}
