using Microsoft.Extensions.Options;

namespace MemberCards;

/// <summary>The store's wall clock: "now" and "today" in the configured time zone, and the UTC instants behind local dates.</summary>
public sealed class StoreClock(TimeProvider time, IOptions<MemberCardsOptions> options)
{
    public TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public DateTime LocalNow => TimeZoneInfo.ConvertTimeFromUtc(UtcNow, Zone);

    public DateOnly Today => DateOnly.FromDateTime(LocalNow);

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, Zone);

    /// <summary>The UTC instant at which the given local date begins in the store.</summary>
    public DateTime StartOfDayUtc(DateOnly date) => ToUtc(date.ToDateTime(TimeOnly.MinValue));

    public DateTime ToUtc(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        // A local time skipped by a DST jump does not exist; the first valid instant after it stands in.
        while (Zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddMinutes(15);
        }
        return TimeZoneInfo.ConvertTimeToUtc(unspecified, Zone);
    }

    /// <summary>
    /// Splits [from, to) into stretches of one UTC offset, so SQL can bucket instants into local days with plain
    /// arithmetic ((instant + offset) / day) inside each stretch. Offsets change on quarter hours in every zone.
    /// </summary>
    public IReadOnlyList<OffsetSegment> OffsetSegments(DateTime fromUtc, DateTime toUtc)
    {
        var segments = new List<OffsetSegment>();
        var step = TimeSpan.FromMinutes(15);
        var start = fromUtc;
        var offset = Zone.GetUtcOffset(start);
        var probe = new DateTime(fromUtc.Ticks - fromUtc.Ticks % step.Ticks, DateTimeKind.Utc) + step;
        for (; probe < toUtc; probe += step)
        {
            var probeOffset = Zone.GetUtcOffset(probe);
            if (probeOffset != offset)
            {
                segments.Add(new OffsetSegment(start, probe, offset));
                (start, offset) = (probe, probeOffset);
            }
        }
        segments.Add(new OffsetSegment(start, toUtc, offset));
        return segments;
    }
}

public sealed record OffsetSegment(DateTime StartUtc, DateTime EndUtc, TimeSpan Offset);
