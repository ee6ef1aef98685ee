using MemberCards.Data;

namespace MemberCards.Benchmarks;

public sealed record BenchmarkOptions(int Members, int Purchases, string? DbPath, bool Keep, string? JsonPath, string? SqlPath, int Repetitions)
{
    public const string Usage =
        "usage: dotnet run -c Release --project tests/MemberCards.Benchmarks -- [--members 100000] [--purchases 1000000] " +
        "[--db PATH] [--keep] [--json PATH] [--sql PATH] [--repetitions 50] [--card-share 0.3] [--load-only] [--import] [--existing] [--only tier,liability] [--provider sqlite|postgresql --connection \"Host=…;Database=…\"]";

    public DatabaseProvider Provider { get; init; } = DatabaseProvider.Sqlite;

    /// <summary>The part of the members who top up and pay from their cards, loaded with the history by the bulk posting.</summary>
    public double CardShare { get; init; } = 0.3;

    /// <summary>Time the operations on a database filled before (a kept file, a moved copy) instead of loading one.</summary>
    public bool Existing { get; init; }

    /// <summary>Build the dataset (load, voids, tiers, the first expiry run) and stop, keeping it: time copies of it with --existing.</summary>
    public bool LoadOnly { get; init; }

    /// <summary>Time the import from another system instead (<see cref="ImportBenchmark"/>): members with balances, then purchase lines.</summary>
    public bool Import { get; init; }

    /// <summary>Time only the operations whose names contain one of these (any case); empty: all of them.</summary>
    public IReadOnlyList<string> Only { get; init; } = [];

    /// <summary>PostgreSQL only: an empty database, which the run fills and leaves filled (or, with --existing, a filled one).</summary>
    public string? Connection { get; init; }

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new BenchmarkOptions(100_000, 1_000_000, null, false, null, null, 50);
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            options = args[i] switch
            {
                "--members" => options with { Members = PositiveInt(Next()) },
                "--purchases" => options with { Purchases = PositiveInt(Next()) },
                "--db" => options with { DbPath = Next() },
                "--keep" => options with { Keep = true },
                "--json" => options with { JsonPath = Next() },
                "--sql" => options with { SqlPath = Next() },
                "--repetitions" => options with { Repetitions = PositiveInt(Next()) },
                "--provider" => options with { Provider = ParseProvider(Next()) },
                "--connection" => options with { Connection = Next() },
                "--card-share" => options with { CardShare = Share(Next()) },
                "--load-only" => options with { LoadOnly = true, Keep = true },
                "--only" => options with { Only = [.. Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] },
                "--import" => options with { Import = true },
                "--existing" => options with { Existing = true, Keep = true },
                _ => throw new ArgumentException($"Unknown argument {args[i]}.\n{Usage}"),
            };
        }
        return options.Provider == DatabaseProvider.PostgreSql && string.IsNullOrWhiteSpace(options.Connection)
            ? throw new ArgumentException($"--provider postgresql needs --connection with an empty database.\n{Usage}")
            : options;
    }

    private static DatabaseProvider ParseProvider(string text) => text.ToUpperInvariant() switch
    {
        "SQLITE" => DatabaseProvider.Sqlite,
        "POSTGRESQL" => DatabaseProvider.PostgreSql,
        _ => throw new ArgumentException($"Unknown provider {text}: sqlite or postgresql.\n{Usage}"),
    };

    private static double Share(string text) =>
        double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1 ? value : throw new ArgumentException($"'{text}' is not a share from 0 to 1.\n{Usage}");

    private static int PositiveInt(string text) =>
        int.TryParse(text, out var value) && value > 0 ? value : throw new ArgumentException($"'{text}' is not a positive whole number.\n{Usage}");
}
