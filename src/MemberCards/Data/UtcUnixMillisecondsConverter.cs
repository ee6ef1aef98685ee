using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace MemberCards.Data;

/// <summary>Stores a UTC <see cref="DateTime"/> as milliseconds since 1970-01-01 UTC and reads it back as UTC.</summary>
public sealed class UtcUnixMillisecondsConverter() : ValueConverter<DateTime, long>(
    value => UnixMilliseconds.From(value),
    stored => UnixMilliseconds.ToUtc(stored));

public static class UnixMilliseconds
{
    public static long From(DateTime value) =>
        (value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value).Ticks / TimeSpan.TicksPerMillisecond
        - DateTime.UnixEpoch.Ticks / TimeSpan.TicksPerMillisecond;

    public static DateTime ToUtc(long milliseconds) => DateTime.UnixEpoch.AddMilliseconds(milliseconds);
}
