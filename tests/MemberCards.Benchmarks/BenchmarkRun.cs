using System.Diagnostics;
using MemberCards.Accounts;
using MemberCards.Campaigns;
using MemberCards.CardValue;
using MemberCards.Data;
using MemberCards.Members;
using MemberCards.Purchases;
using MemberCards.Reports;
using MemberCards.Tiers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MemberCards.Benchmarks;

public sealed record OperationResult(string Operation, int N, double P50, double P95, double Target, string Unit)
{
    /// <summary>For rates (rows/s) more is better; for times (ms) less is.</summary>
    public bool Ok => Unit == "rows/s" ? P50 >= Target : P95 <= Target;
}

/// <summary>
/// Builds a deterministic dataset through the app's own bulk-load path, then times each user-facing operation
/// through the app's own services: warm-up first, then repeated calls with varying inputs.
/// </summary>
public sealed partial class BenchmarkRun(BenchmarkOptions options, TextWriter log)
{
    // A fixed "now", so the same arguments give the same data and the same 90-day windows on any day.
    public static readonly DateTime Now = new(2026, 6, 30, 22, 0, 0, DateTimeKind.Utc);
    private const int WarmUp = 3;

    public const string WhatIfPreview = "what-if preview (members per tier under edited thresholds)";
    public const string TierEvaluationInPurchase = "tier evaluation inside a purchase (TierEvaluation.AfterSpendAsync alone)";
    public const string FullRebuild = "full rebuild (recommendation statistics)";
    public const string BasketSuggestions = "basket suggestions (bought together)";
    public const string MemberSuggestions = "member suggestions (for this member, with the visit rhythm)";
    public const string NightlyTierReview = "nightly tier review for 100k members (the busiest kept-until day)";

    // The preset tiers Gold and Platinum (ids 3 and 4, given by the Tiers migration).
    private const int GoldTierId = 3;
    private const int PlatinumTierId = 4;

    // Every operation runs as a manager, the one role allowed all of them.
    private static readonly System.Security.Claims.ClaimsPrincipal User = Access.System;

    // Stands still at Now, but for the next day's expiry run at the end.
    private readonly FixedTime _time = new(Now);

    public async Task<IReadOnlyList<OperationResult>> RunAsync(SqlCapture? sql, CancellationToken cancellationToken)
    {
        var onSqlite = options.Provider == DatabaseProvider.Sqlite;
        var path = onSqlite ? Path.GetFullPath(options.DbPath ?? Path.Combine(Path.GetTempPath(), $"membercards-bench-{Environment.ProcessId}.db")) : options.Connection!;
        if (onSqlite && !options.Existing)
        {
            DeleteDatabase(path);
        }
        await using var services = BuildServices(options.Provider, onSqlite ? $"Data Source={path}" : path);
        try
        {
            var results = new List<OperationResult>();
            var problem = await Get<DatabaseStartup>().PrepareAsync(cancellationToken);
            if (problem is not null)
            {
                throw new InvalidOperationException(problem);
            }
            if (!onSqlite && !options.Existing && !await Get<DemoData>().IsEmptyAsync(cancellationToken))
            {
                throw new InvalidOperationException("The PostgreSQL database is not empty: give the benchmark an empty one (it fills it and leaves it filled), or --existing to time a filled one.");
            }
            if (!options.Existing)
            {
                results.Add(await LoadDatasetAsync(cancellationToken));
            }
            results.Add(await ExpireAsync(cancellationToken));
            if (options.LoadOnly)
            {
                return results;
            }
            var inputs = await SampleInputsAsync(cancellationToken);
            if (Chosen(FullRebuild) || Chosen(BasketSuggestions) || Chosen(MemberSuggestions))
            {
                results.Add(await RebuildAsync(cancellationToken));
            }
            foreach (var operation in Operations(inputs).Where(o => Chosen(o.Name)))
            {
                if (sql is not null)
                {
                    sql.Operation = operation.Name;
                }
                results.Add(await TimeAsync(operation, cancellationToken));
                // As it goes, so a long run's numbers survive a failure at its end.
                await log.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{results[^1].Operation}: p50 {results[^1].P50:N1} ms, p95 {results[^1].P95:N1} ms"));
                if (sql is not null)
                {
                    sql.Operation = null;
                }
            }
            if (Chosen(NightlyTierReview))
            {
                results.AddRange(await ReviewTiersAsync(cancellationToken));
            }
            if (Chosen("expiry job for a day's lots"))
            {
                results.Add(await ExpireNextDayAsync(cancellationToken));
            }
            results.Add(await CheckFiguresAsync(cancellationToken));
            return results;
        }
        finally
        {
            await services.DisposeAsync();
            SqliteConnection.ClearAllPools();
            if (onSqlite && !options.Keep)
            {
                DeleteDatabase(path);
            }
            else if (onSqlite)
            {
                await log.WriteLineAsync($"Kept the database at {path}");
            }
        }

        T Get<T>() where T : notnull => services.GetRequiredService<T>();

        bool Chosen(string operation) => options.Only.Count == 0 || options.Only.Any(o => operation.Contains(o, StringComparison.OrdinalIgnoreCase));

        // Once, after every load, record and void above: every derived figure must still equal the purchases.
        async Task<OperationResult> CheckFiguresAsync(CancellationToken token)
        {
            var clock = Stopwatch.StartNew();
            var mismatches = await Get<FiguresCheck>().FindMismatchesAsync(User, token);
            clock.Stop();
            if (mismatches.Count > 0)
            {
                throw new InvalidOperationException($"{mismatches.Count} derived figures differ from the purchases, the first: {mismatches[0]}");
            }
            await log.WriteLineAsync("The figures check is clean.");
            return new OperationResult("figures check (every derived figure recomputed)", 1, clock.Elapsed.TotalMilliseconds, clock.Elapsed.TotalMilliseconds, 60_000, "ms");
        }

        // Once: the recommendation statistics of the last 12 months, from nothing (the suggestions read this build).
        async Task<OperationResult> RebuildAsync(CancellationToken token)
        {
            var clock = Stopwatch.StartNew();
            var build = await Get<MemberCards.Recommendations.RecommendationBuilder>().RebuildAsync(User, token);
            clock.Stop();
            await log.WriteLineAsync($"Recommendations built from {build.Baskets:N0} baskets: {build.Pairs:N0} product pairs");
            return new OperationResult(FullRebuild, 1, clock.Elapsed.TotalMilliseconds, clock.Elapsed.TotalMilliseconds, 60_000, "ms");
        }

        // Once: the first run after the load expires every lot past its last day, the backlog of many days at once.
        async Task<OperationResult> ExpireAsync(CancellationToken token)
        {
            var clock = Stopwatch.StartNew();
            var run = await Get<PointsExpiry>().RunAsync(User, token);
            clock.Stop();
            await log.WriteLineAsync($"Expired {run.Points:N0} points of {run.Members:N0} members");
            return new OperationResult("expiry job (first run: every lot past its day)", 1, clock.Elapsed.TotalMilliseconds, clock.Elapsed.TotalMilliseconds, 2_000, "ms");
        }

        // The tier review on its own clock, the shared one staying at Now: first every night before the day on which the
        // most kept-until dates fall due (catching up, as after the load), then that one night.
        async Task<OperationResult[]> ReviewTiersAsync(CancellationToken token)
        {
            DateOnly busiest;
            await using (var db = await Get<IDbContextFactory<MemberCardsDb>>().CreateDbContextAsync(token))
            {
                busiest = await db.Members.Where(m => m.TierKeptUntil != null && m.Status != MemberStatus.Closed)
                    .GroupBy(m => m.TierKeptUntil!.Value).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).FirstOrDefaultAsync(token);
            }
            if (busiest == default)
            {
                busiest = Get<StoreClock>().Today;
            }
            var catchUp = await TimeReviewAsync(busiest, token);
            var nightly = await TimeReviewAsync(busiest.AddDays(1), token);
            await log.WriteLineAsync($"Tier review up to {busiest:yyyy-MM-dd}: {catchUp.Run.Due:N0} due ({catchUp.Run.Renewed:N0} kept, {catchUp.Run.Downgraded:N0} down); " +
                $"the night after: {nightly.Run.Due:N0} due ({nightly.Run.Renewed:N0} kept, {nightly.Run.Downgraded:N0} down)");
            return
            [
                new OperationResult($"tier review catching up every night before the busiest ({catchUp.Run.Due:N0} due)", 1, catchUp.Ms, catchUp.Ms, 10_000, "ms"),
                new OperationResult(NightlyTierReview, 1, nightly.Ms, nightly.Ms, 10_000, "ms"),
            ];
        }

        async Task<(TierReviewRun Run, double Ms)> TimeReviewAsync(DateOnly today, CancellationToken token)
        {
            var storeOptions = Get<IOptions<MemberCardsOptions>>();
            var clock = new StoreClock(new FixedTime(new StoreClock(_time, storeOptions).StartOfDayUtc(today).AddHours(3)), storeOptions);
            var review = new TierReview(Get<IDbContextFactory<MemberCardsDb>>(), clock, storeOptions);
            var timer = Stopwatch.StartNew();
            var run = await review.RunAsync(User, token);
            return (run, timer.Elapsed.TotalMilliseconds);
        }

        // Once, the next store day: the daily run, which expires the lots whose last day was yesterday.
        async Task<OperationResult> ExpireNextDayAsync(CancellationToken token)
        {
            _time.Advance(TimeSpan.FromDays(1));
            var clock = Stopwatch.StartNew();
            var run = await Get<PointsExpiry>().RunAsync(User, token);
            clock.Stop();
            await log.WriteLineAsync($"The next day's run expired {run.Points:N0} points of {run.Members:N0} members");
            return new OperationResult("expiry job for a day's lots", 1, clock.Elapsed.TotalMilliseconds, clock.Elapsed.TotalMilliseconds, 2_000, "ms");
        }

        async Task<OperationResult> LoadDatasetAsync(CancellationToken token)
        {
            var demo = new DemoDataOptions { Members = options.Members, Purchases = options.Purchases, Seed = 1 };
            await log.WriteLineAsync($"Generating {options.Members:N0} members and {options.Purchases:N0} purchases into {path}");
            var generating = Stopwatch.StartNew();
            var history = await Get<DemoData>().AddCatalogAndMembersAsync(demo, options.CardShare, token);
            await log.WriteLineAsync($"Catalog, members and history generated in {generating.Elapsed.TotalSeconds:N1} s");
            var lines = history.Purchases.Sum(p => p.Lines.Count);
            var clock = Stopwatch.StartNew();
            var loaded = await Get<PurchaseImport>().LoadAsync(history.Purchases, Access.System, token, history.Cards);
            clock.Stop();
            if (!loaded.Succeeded)
            {
                throw new InvalidOperationException($"{loaded.Errors[0].Field}: {loaded.Errors[0].Code}");
            }
            await using (var db = await Get<IDbContextFactory<MemberCardsDb>>().CreateDbContextAsync(token))
            {
                await log.WriteLineAsync($"Loaded {lines:N0} purchase lines with {history.Cards.TopUps.Count:N0} top-ups for {options.CardShare:P0} of the members " +
                    $"({await db.LedgerEntries.CountAsync(token):N0} ledger entries, {await db.PointsLots.CountAsync(token):N0} points lots) in {clock.Elapsed.TotalSeconds:N1} s; voiding about 1.2% of purchases");
            }
            var voiding = Stopwatch.StartNew();
            await Get<DemoData>().VoidSomeAsync(demo, token);
            await log.WriteLineAsync($"Voided them one by one in {voiding.Elapsed.TotalSeconds:N1} s");
            await Get<DemoData>().AssignTiersAsync(token);
            return new OperationResult("bulk load (purchase lines incl. every derived figure and card entry)", lines, lines / clock.Elapsed.TotalSeconds, lines / clock.Elapsed.TotalSeconds, 200_000, "rows/s");
        }

        async Task<Inputs> SampleInputsAsync(CancellationToken token)
        {
            var random = new Random(42);
            var factory = Get<IDbContextFactory<MemberCardsDb>>();
            await using var db = await factory.CreateDbContextAsync(token);
            var memberCount = await db.Members.CountAsync(token);
            var sample = await db.Members.AsNoTracking()
                .Where(m => m.Id % Math.Max(1, memberCount / 200) == 0)
                .Select(m => new { m.Id, m.Name, m.Phone, m.CardNumber })
                .ToListAsync(token);
            var products = await db.Products.Select(p => p.Id).ToListAsync(token);
            var purchaseIds = await db.Purchases.Where(p => p.VoidedAt == null && p.Id % 97 == 0).Select(p => p.Id).ToListAsync(token);
            // Members whose cards hold value, to pay from; the benchmark tops them up as it goes.
            var cardMembers = await db.Members.Where(m => m.PrincipalMinor + m.BonusMinor > 0 && m.Status == MemberStatus.Active).OrderBy(m => m.Id).Select(m => m.Id).Take(200).ToListAsync(token);
            return new Inputs(
                [.. sample.Select(m => m.Id)],
                [.. sample.Where(m => m.Phone is not null).Select(m => m.Phone!.Substring(random.Next(0, m.Phone.Length - 4), 4))],
                [.. sample.Select(m => m.Name.Split(' ')[^1]).Where(n => n.Length >= 3).Select(n => n[..Math.Min(5, n.Length)])],
                [.. sample.Select(m => CardNumber.Format(m.CardNumber))],
                products,
                [.. purchaseIds.OrderBy(_ => random.Next())],
                cardMembers,
                random);
        }

        IEnumerable<Operation> Operations(Inputs inputs)
        {
            var members = Get<MemberSearch>();
            var profile = Get<MemberProfile>();
            var purchases = Get<PurchaseService>();
            var purchaseSearch = Get<PurchaseSearch>();
            var segments = Get<SegmentService>();
            var dashboard = Get<DashboardReport>();
            var today = Get<StoreClock>().Today;
            int Page() => inputs.Random.Next(0, 20);

            yield return new("members grid page, default sort", 50, (i, t) =>
                members.ListAsync(new MemberListQuery(Page: Page()), User, t));
            yield return new("members grid page, sorted by total spend", 50, (i, t) =>
                members.ListAsync(new MemberListQuery(SortBy: nameof(MemberRow.TotalSpentMinor), Descending: true, Page: Page()), User, t));
            yield return new("quick search by phone fragment", 50, (i, t) =>
                members.ListAsync(new MemberListQuery(inputs.PhoneFragments[i % inputs.PhoneFragments.Count]), User, t));
            yield return new("quick search by name fragment", 50, (i, t) =>
                members.ListAsync(new MemberListQuery(inputs.NameFragments[i % inputs.NameFragments.Count]), User, t));
            yield return new("quick search by card number", 50, (i, t) =>
                members.ListAsync(new MemberListQuery(inputs.CardNumbers[i % inputs.CardNumbers.Count]), User, t));
            yield return new("members grid page, Gold and Platinum spending $100–$1,000, by last purchase", 50, (i, t) =>
                members.ListAsync(new MemberListQuery(SortBy: nameof(MemberRow.LastPurchaseAt), Descending: true, Page: Page(),
                    TierIds: [GoldTierId, PlatinumTierId], MinSpendMinor: 10_000, MaxSpendMinor: 100_000), User, t));
            yield return new("member page, all queries", 30, async (i, t) =>
            {
                var id = inputs.MemberIds[i % inputs.MemberIds.Count];
                await profile.GetAsync(id, User, t);
                await purchaseSearch.ListAsync(new PurchaseQuery(MemberId: id, PageSize: 10), User, t);
                await profile.SpendByMonthAsync(id, 12, User, t);
                await profile.HistoryAsync(id, User, t);
            });
            yield return new("quote a ten-line basket", 2, (i, t) =>
                purchases.QuoteAsync(new Basket(inputs.MemberIds[i % inputs.MemberIds.Count],
                    [.. Enumerable.Range(0, 10).Select(k => new NewPurchaseLine(inputs.ProductIds[(i + 3 * k) % inputs.ProductIds.Count], 1 + k % 3))]), User, t));
            yield return new("record one purchase with two lines", 20, (i, t) =>
                purchases.RecordAsync(new NewPurchase(inputs.MemberIds[i % inputs.MemberIds.Count],
                    [new NewPurchaseLine(inputs.ProductIds[i % inputs.ProductIds.Count], 1), new NewPurchaseLine(inputs.ProductIds[(i + 7) % inputs.ProductIds.Count], 2)]),
                    User, t));
            yield return new("void one purchase", 20, (i, t) =>
                purchases.VoidAsync(inputs.PurchaseIds[i % inputs.PurchaseIds.Count], "Benchmark", User, t));
            yield return new("purchases page, newest first", 50, (i, t) =>
                purchaseSearch.ListAsync(new PurchaseQuery(Page: Page()), User, t));
            yield return new("purchases page, last 90 days filter", 50, (i, t) =>
                purchaseSearch.ListAsync(new PurchaseQuery(From: today.AddDays(-89), To: today, Page: Page()), User, t));
            yield return new("dashboard 90 days (all queries)", 150, (i, t) =>
                dashboard.LoadAsync(DashboardRange.LastDays(today, 90), Granularity.Week, User, t));
            yield return new("segment: top 50 spenders in the last 90 days", 300, (i, t) =>
                segments.PageAsync(new SegmentCriteria { Top = 50 }, 0, 50, false, User, t));
            yield return new("segment: top 50 with RFM scores, last 90 days", 300, (i, t) =>
                segments.PageAsync(new SegmentCriteria { Top = 50 }, 0, 50, true, User, t));
            yield return new("segment: RFM scoring of all members, last 90 days", 300, (i, t) =>
                segments.RfmSizesAsync(new SegmentCriteria(), User, t));
            yield return new("segment: RFM scoring of all members, last 365 days", 300, (i, t) =>
                segments.RfmSizesAsync(new SegmentCriteria { PeriodDays = 365 }, User, t));
            var topUps = Get<TopUpService>();
            var cardValue = Get<CardValueService>();
            int CardMember(int i) => inputs.CardMemberIds[i % inputs.CardMemberIds.Count];
            yield return new("top-up", 15, (i, t) =>
                topUps.RecordAsync(new NewTopUp(CardMember(i), 10_000, PaymentMethod.WeChatPay), User, t));
            yield return new("record a purchase paid by stored value with points earned", 20, (i, t) => Task.CompletedTask)
            {
                // The amount due at the member's tier price, quoted first and not timed: the card pays exactly that.
                TimedPart = async (i, t) =>
                {
                    var lines = new[] { new NewPurchaseLine(inputs.ProductIds[i % inputs.ProductIds.Count], 1) };
                    var due = (await purchases.QuoteAsync(new Basket(CardMember(i), lines), User, t)).AmountDueMinor;
                    var timer = Stopwatch.StartNew();
                    var recorded = await purchases.RecordAsync(new NewPurchase(CardMember(i), lines, Tenders: [new Tender(PaymentMethod.StoredValue, due)]), User, t);
                    timer.Stop();
                    return recorded.Succeeded ? timer.Elapsed : throw new InvalidOperationException($"{recorded.Errors[0].Field}: {recorded.Errors[0].Code}");
                },
            };
            yield return new("member balance and points lookup", 5, (i, t) => cardValue.ValueAsync(inputs.MemberIds[i % inputs.MemberIds.Count], User, t));
            yield return new("member ledger, newest 50 entries", 10, (i, t) => cardValue.LedgerAsync(CardMember(i), 0, User, t));
            var liability = Get<LiabilityReport>();
            yield return new("liability report", 150, (i, t) =>
                liability.LoadAsync(DashboardRange.LastDays(today, 90), Granularity.Week, User, t));
            var dbFactory = Get<IDbContextFactory<MemberCardsDb>>();
            var storeClock = Get<StoreClock>();
            yield return new(TierEvaluationInPurchase, 2, (i, t) => Task.CompletedTask)
            {
                // Inside a posting's transaction, rolled back: only the evaluation is timed, not the purchase around it.
                TimedPart = async (i, t) =>
                {
                    await using var db = await dbFactory.CreateDbContextAsync(t);
                    await using var transaction = await db.Database.BeginTransactionAsync(t);
                    var timer = Stopwatch.StartNew();
                    await TierEvaluation.AfterSpendAsync(db, storeClock, inputs.MemberIds[i % inputs.MemberIds.Count], new TierCause(Now, "benchmark"), t);
                    timer.Stop();
                    await transaction.RollbackAsync(t);
                    return timer.Elapsed;
                },
            };
            var tiers = Get<TierService>();
            yield return new(WhatIfPreview, 1_000, async (i, t) =>
            {
                // Each run moves every threshold by a different share (90%–109%), as a manager trying values would.
                var table = (await tiers.ListAsync(t)).Select(TierInput.From).Select(tier => tier with { ThresholdMinor = tier.ThresholdMinor * (90 + i % 20) / 100 }).ToList();
                var preview = await tiers.PreviewAsync(table, User, t);
                if (!preview.Succeeded)
                {
                    throw new InvalidOperationException($"{preview.Errors[0].Field}: {preview.Errors[0].Code}");
                }
            });
            foreach (var operation in CouponOperations(services, inputs.ProductIds))
            {
                yield return operation;
            }
            foreach (var operation in MergeOperations(services, inputs.ProductIds))
            {
                yield return operation;
            }
            var export = Get<SegmentExport>();
            yield return new("segment: export 10,000 rows (CSV)", 2000, (i, t) =>
                export.ExportAsync(new SegmentCriteria { PeriodDays = 365, Top = 10_000, OptedInOnly = true }, ExportFormat.Csv, PlainExportText.Value, User, t));
            yield return new("segment: export 10,000 rows (Excel)", 2000, (i, t) =>
                export.ExportAsync(new SegmentCriteria { PeriodDays = 365, Top = 10_000, OptedInOnly = true }, ExportFormat.Xlsx, PlainExportText.Value, User, t));
            // Baskets of one to three products drawn from the catalog; the build they read is the one timed before (RebuildAsync).
            var recommendations = Get<MemberCards.Recommendations.RecommendationService>();
            yield return new(BasketSuggestions, 10, (i, t) =>
                recommendations.ForBasketAsync([.. Enumerable.Range(0, 1 + i % 3).Select(k => inputs.ProductIds[(i * 7 + k * 13) % inputs.ProductIds.Count])], User, t));
            yield return new(MemberSuggestions, 20, (i, t) => recommendations.ForMemberAsync(inputs.MemberIds[i % inputs.MemberIds.Count], User, t));
        }
    }

    private async Task<OperationResult> TimeAsync(Operation operation, CancellationToken cancellationToken)
    {
        var timings = new List<double>(options.Repetitions);
        for (var i = 0; i < WarmUp + options.Repetitions; i++)
        {
            var elapsed = operation.TimedPart is { } part ? await part(i, cancellationToken) : await TimeWholeAsync(operation.Run, i, cancellationToken);
            if (i >= WarmUp)
            {
                timings.Add(elapsed.TotalMilliseconds);
            }
        }
        timings.Sort();
        return new OperationResult(operation.Name, timings.Count, Percentile(timings, 0.50), Percentile(timings, 0.95), operation.TargetMs, "ms");
    }

    private static async Task<TimeSpan> TimeWholeAsync(Func<int, CancellationToken, Task> run, int i, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await run(i, cancellationToken);
        return clock.Elapsed;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private ServiceProvider BuildServices(DatabaseProvider provider, string connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(new LoadLog(log)));
        services.AddMemberCards(connectionString, provider);
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton(Options.Create(new MemberCardsOptions { TimeZone = "America/New_York" }));
        return services.BuildServiceProvider();
    }

    private static void DeleteDatabase(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    /// <param name="Run">The operation, timed whole.</param>
    private sealed record Operation(string Name, double TargetMs, Func<int, CancellationToken, Task> Run)
    {
        /// <summary>Instead of <see cref="Run"/>: an operation that times the part it measures itself (and returns that time).</summary>
        public Func<int, CancellationToken, Task<TimeSpan>>? TimedPart { get; init; }
    }

    private sealed record Inputs(
        IReadOnlyList<int> MemberIds,
        IReadOnlyList<string> PhoneFragments,
        IReadOnlyList<string> NameFragments,
        IReadOnlyList<string> CardNumbers,
        IReadOnlyList<int> ProductIds,
        IReadOnlyList<int> PurchaseIds,
        IReadOnlyList<int> CardMemberIds,
        Random Random);

    internal sealed class FixedTime(DateTime utcNow) : TimeProvider
    {
        private DateTime _utcNow = utcNow;

        public void Advance(TimeSpan by) => _utcNow += by;

        public override DateTimeOffset GetUtcNow() => new(_utcNow, TimeSpan.Zero);
    }
}
