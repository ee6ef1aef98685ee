using MemberCards.Accounts;
using MemberCards.Members;
using MemberCards.Products;
using MemberCards.Purchases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberCards.Data;

/// <summary>The demo's purchase history still to load, and the card activity that goes with it.</summary>
public sealed record DemoHistory(IReadOnlyList<ImportedPurchase> Purchases, CardHistory Cards);

/// <summary>
/// Fills an empty database with a café-and-shop's 18 months of trade, English or Chinese (<see cref="DemoProfile"/>): a few heavy spenders and many occasional
/// ones, each with habits (breakfast sets, lunch combos, a visit rhythm, some lapsing: <see cref="DemoVisits"/>), busy weekends, a December high,
/// some voids, and cards topped up and paid with. The same seed and clock
/// give the same data. Everything is written through the app's own services and postings, in one transaction:
/// an interrupted fill leaves nothing behind.
/// </summary>
public sealed class DemoData(
    IDbContextFactory<MemberCardsDb> dbFactory,
    MemberService members,
    PurchaseImport purchaseImport,
    PurchaseService purchases,
    Campaigns.SegmentService segments,
    PurchaseFeed feed,
    StoreClock clock,
    IOptions<MemberCardsOptions> store)
{
    private static readonly double[] WeekdayFactor = [1.10, 0.85, 0.80, 0.90, 1.00, 1.25, 1.45]; // Sunday first

    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return !await db.Members.AnyAsync(cancellationToken) && !await db.Products.AnyAsync(cancellationToken);
    }

    /// <summary>Products, members, purchases and voids in one transaction, then one event to the feed.</summary>
    public async Task GenerateAsync(DemoDataOptions options, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        // One transaction for the whole fill, so a start stopped half way leaves nothing; the engine is set up for
        // a long transaction and put back afterwards.
        var dialect = SqlDialect.Of(db.Database);
        if (dialect.BeforeLongTransaction is { } before)
        {
            await db.Database.ExecuteSqlRawAsync(before, cancellationToken);
        }
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var history = await AddCatalogAndMembersAsync(db, options, DemoCardValue.DemoShare, cancellationToken);
            var loaded = Ensure(await purchaseImport.LoadAsync(db, history.Purchases, Access.System, cancellationToken, history.Cards));
            await VoidSomeAsync(db, options, cancellationToken);
            await DemoTiers.ApplyAsync(db, clock, Access.System.Identity!.Name!, cancellationToken);
            if (history.Purchases.Count > 0)
            {
                await DemoCoupons.AddAsync(db, ProfileFor(options) is ChineseDemoProfile, options.Seed, segments, purchases, clock, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            foreach (var change in loaded)
            {
                feed.Publish(change);
            }
        }
        finally
        {
            if (dialect.AfterLongTransaction is { } after)
            {
                await db.Database.ExecuteSqlRawAsync(after, CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// Writes the products, members and card rules in a transaction of their own and returns the purchase history
    /// still to load with its card activity (<paramref name="cardShare"/> of the members top up and pay from their
    /// cards), so the benchmark can time the bulk load on its own.
    /// </summary>
    public async Task<DemoHistory> AddCatalogAndMembersAsync(DemoDataOptions options, double cardShare, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var history = await AddCatalogAndMembersAsync(db, options, cardShare, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return history;
    }

    private async Task<DemoHistory> AddCatalogAndMembersAsync(MemberCardsDb db, DemoDataOptions options, double cardShare, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(options.Seed);
        var profile = ProfileFor(options);
        var products = await AddProductsAsync(db, profile, cancellationToken);
        var shoppers = await AddMembersAsync(db, options, profile, random, cancellationToken);
        if (options.Members == 0 || options.Purchases == 0)
        {
            db.ChangeTracker.Clear();
            return new DemoHistory([], new CardHistory([], (basket, _) => basket));
        }
        var rules = DemoCardValue.AddRules(db);
        await db.SaveChangesAsync(cancellationToken);
        // The saved members and products need no tracking, and the voids' audit entries save faster without them.
        db.ChangeTracker.Clear();
        var purchases = GeneratePurchases(options.Purchases, random, profile, shoppers, products);
        var active = await db.Members.Where(m => m.Status == MemberStatus.Active).OrderBy(m => m.Id).Select(m => m.Id).ToListAsync(cancellationToken);
        var prices = await db.Products.ToDictionaryAsync(p => p.Id, p => p.UnitPriceMinor, cancellationToken);
        return new DemoHistory(purchases, DemoCardValue.Plan(purchases, active, prices, rules, clock, options.Seed, cardShare));
    }

    /// <summary>The demo's tiers (<see cref="DemoTiers"/>) from the history loaded, in a transaction of its own (the benchmark).</summary>
    public async Task AssignTiersAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await DemoTiers.ApplyAsync(db, clock, Access.System.Identity!.Name!, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Voids about 1.2% of the purchases, each in its own transaction, as managers correct mistakes one by one.</summary>
    public async Task VoidSomeAsync(DemoDataOptions options, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        foreach (var (id, reason) in await PickVoidsAsync(db, options, cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            Ensure(await PurchasePosting.VoidAsync(db, id, reason, clock, Access.System, cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }

    private async Task VoidSomeAsync(MemberCardsDb db, DemoDataOptions options, CancellationToken cancellationToken)
    {
        foreach (var (id, reason) in await PickVoidsAsync(db, options, cancellationToken))
        {
            Ensure(await PurchasePosting.VoidAsync(db, id, reason, clock, Access.System, cancellationToken));
            db.ChangeTracker.Clear();
        }
    }

    private async Task<List<(int Id, string Reason)>> PickVoidsAsync(MemberCardsDb db, DemoDataOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var reasons = ProfileFor(options).VoidReasons;
        var random = new Random(options.Seed + 1);
        var ids = await db.Purchases.OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(cancellationToken);
        return [.. ids.Where(_ => random.NextDouble() < 0.012).Select(id => (id, reasons[random.Next(reasons.Count)]))];
    }

    private DemoProfile ProfileFor(DemoDataOptions options) => DemoProfile.For(options.Profile ?? store.Value.DemoProfile, options.Seed);

    private static async Task<List<(int Id, string Name, int Popularity)>> AddProductsAsync(MemberCardsDb db, DemoProfile profile, CancellationToken cancellationToken)
    {
        var products = profile.Catalog
            .SelectMany(c => c.Items.Select(i => (Product: new Product { Name = i.Name, Category = c.Category, UnitPriceMinor = i.PriceMinor }, i.Popularity)))
            .ToList();
        db.Products.AddRange(products.Select(p => p.Product));
        await db.SaveChangesAsync(cancellationToken);
        return [.. products.Select(p => (p.Product.Id, p.Product.Name, p.Popularity))];
    }

    private async Task<List<DemoShopper>> AddMembersAsync(MemberCardsDb db, DemoDataOptions options, DemoProfile profile, Random random, CancellationToken cancellationToken)
    {
        var rangeStart = clock.UtcNow.AddMonths(-18);
        var phones = new HashSet<string>();
        var rows = new List<(NewMember Member, double Weight)>(options.Members);
        for (var i = 0; i < options.Members; i++)
        {
            var name = profile.Name(random);
            string phone;
            do
            {
                phone = profile.Phone(random);
            }
            while (!phones.Add(PhoneNumber.Normalize(phone)));
            var joinedAt = random.NextDouble() < 0.55
                ? rangeStart.AddDays(-random.Next(1, 3 * 365))
                : rangeStart.AddMinutes(random.NextDouble() * (clock.UtcNow - rangeStart).TotalMinutes);
            // Log-normal spend appetite: most members buy now and then, a few buy almost daily.
            var weight = Math.Exp(Normal(random) * 0.8) * (random.NextDouble() < 0.01 ? 3 : 1);
            var email = profile.Email(random, name, i);
            rows.Add((new NewMember(name, email, phone, random.NextDouble() < 0.6, null, joinedAt), weight));
        }
        Ensure(await members.ImportAsync(db, rows.Select(r => r.Member), random, Access.System, cancellationToken));
        var stored = await db.Members.OrderBy(m => m.Id).Select(m => new { m.Id, m.JoinedAt }).ToListAsync(cancellationToken);
        return [.. stored.Select((m, i) => new DemoShopper(m.Id, m.JoinedAt, rows[i].Weight))];
    }

    private List<ImportedPurchase> GeneratePurchases(int count, Random random, DemoProfile profile, IReadOnlyList<DemoShopper> shoppers, IReadOnlyList<(int Id, string Name, int Popularity)> products)
    {
        var firstDay = clock.Today.AddMonths(-18);
        var length = clock.Today.DayNumber - firstDay.DayNumber + 1.0;
        // The busiest day of the range (a December Sunday near its end) is 1; the others are relative to it.
        var busiest = Enumerable.Range(0, (int)length).Max(i => DayWeight(firstDay.AddDays(i), i / length));
        var visits = new DemoVisits(clock, profile.Patterns, products.ToDictionary(p => p.Name, p => p.Id),
            new WeightedPicker<int>(products.Select(p => (p.Id, (double)p.Popularity))));
        return visits.Generate(count, random, shoppers, day => DayWeight(day, (day.DayNumber - firstDay.DayNumber) / length) / busiest);
    }

    private static double DayWeight(DateOnly day, double progress)
    {
        var season = 1 + 0.2 * Math.Cos(2 * Math.PI * (day.DayOfYear - 350) / 365.0);
        var holidays = day.Month == 12 && day.Day is >= 10 and <= 24 ? 1.4 : 1.0;
        var growth = 0.8 + 0.4 * progress;
        return WeekdayFactor[(int)day.DayOfWeek] * season * holidays * growth;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static T Ensure<T>(Result<T> result) => result.Succeeded
        ? result.Value!
        : throw new InvalidOperationException($"Demo data was refused: {result.Errors[0].Code}");
}
