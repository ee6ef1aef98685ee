using MemberCards.Reports;

namespace MemberCards.Tests.Reports;

public sealed class SpendReportTests
{
    [Fact]
    public async Task A_purchase_at_half_past_eleven_at_night_counts_on_that_local_day()
    {
        await using var db = await TestDatabase.CreateAsync(timeZone: "America/New_York");
        var member = await db.AddMemberAsync();
        var coffee = await db.AddProductAsync("Coffee", 300);
        // 23:30 on 10 March in New York (EDT, UTC-4) is 03:30 UTC on 11 March.
        await db.RecordAsync(member, new DateTime(2026, 3, 11, 3, 30, 0, DateTimeKind.Utc), (coffee, 1));
        // 00:30 on 11 March local.
        await db.RecordAsync(member, new DateTime(2026, 3, 11, 4, 30, 0, DateTimeKind.Utc), (coffee, 2));

        var days = await db.Get<SpendReport>().RevenueByDayAsync(new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 1), TestUsers.Manager, CancellationToken.None);

        Assert.Equal([new DayRevenue(new DateOnly(2026, 3, 10), 300, 1), new DayRevenue(new DateOnly(2026, 3, 11), 600, 1)], days);
    }

    [Fact]
    public async Task Days_around_a_daylight_saving_change_follow_the_local_clock()
    {
        await using var db = await TestDatabase.CreateAsync(timeZone: "America/New_York");
        var member = await db.AddMemberAsync();
        var coffee = await db.AddProductAsync("Coffee", 100);
        // Clocks went forward at 02:00 local on 8 March 2026 (07:00 UTC).
        await db.RecordAsync(member, new DateTime(2026, 3, 8, 4, 30, 0, DateTimeKind.Utc), (coffee, 1));  // 23:30 7 March EST
        await db.RecordAsync(member, new DateTime(2026, 3, 8, 6, 30, 0, DateTimeKind.Utc), (coffee, 2));  // 01:30 8 March EST
        await db.RecordAsync(member, new DateTime(2026, 3, 9, 3, 30, 0, DateTimeKind.Utc), (coffee, 4));  // 23:30 8 March EDT

        var days = await db.Get<SpendReport>().RevenueByDayAsync(new DateOnly(2026, 3, 7), new DateOnly(2026, 3, 10), TestUsers.Manager, CancellationToken.None);

        Assert.Equal([new DayRevenue(new DateOnly(2026, 3, 7), 100, 1), new DayRevenue(new DateOnly(2026, 3, 8), 600, 2)], days);
    }

    [Fact]
    public async Task An_empty_range_has_no_days()
    {
        await using var db = await TestDatabase.CreateAsync();
        var report = db.Get<SpendReport>();

        Assert.Empty(await report.RevenueByDayAsync(new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1), TestUsers.Manager, CancellationToken.None));
    }
}
