using System.Diagnostics.Metrics;

namespace MemberCards;

/// <summary>
/// The app's own measurements (the "MemberCards" meter), exported by the web app to Prometheus: purchases recorded
/// and voided in this instance (counted as they are published to the live feed, after their commit), top-ups, and
/// how long each database command takes. Counts and durations only: no member, amount or text in a tag.
/// </summary>
public static class MemberCardsMetrics
{
    public const string MeterName = "MemberCards";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> PurchasesRecorded = Meter.CreateCounter<long>("membercards.purchases.recorded", "{purchase}", "Purchases recorded.");

    private static readonly Counter<long> PurchasesVoided = Meter.CreateCounter<long>("membercards.purchases.voided", "{purchase}", "Purchases voided.");

    private static readonly Counter<long> TopUpsRecorded = Meter.CreateCounter<long>("membercards.topups.recorded", "{top-up}", "Top-ups of stored value recorded.");

    private static readonly Histogram<double> CommandDuration = Meter.CreateHistogram<double>("membercards.db.command.duration", "s", "How long a database command took.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });

    public static void PurchaseRecorded() => PurchasesRecorded.Add(1);

    public static void PurchaseVoided() => PurchasesVoided.Add(1);

    public static void TopUpRecorded() => TopUpsRecorded.Add(1);

    /// <param name="kind">"query", "non-query" or "scalar".</param>
    public static void CommandTook(TimeSpan duration, string kind) => CommandDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("db.command.kind", kind));
}
