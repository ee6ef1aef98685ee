using MemberCards.Purchases;
using Microsoft.Extensions.Logging.Abstractions;

namespace MemberCards.Tests.Purchases;

public sealed class CoalescedRefreshTests : IAsyncLifetime
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(200);
    private TestDatabase _db = null!;

    public async ValueTask InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private static PurchaseEvent Change(int id) => new(PurchaseChange.Recorded, id, 1, TestDatabase.DefaultNow, 100);

    [Fact]
    public async Task A_burst_of_a_hundred_purchases_causes_a_few_refreshes_the_last_one_after_the_burst()
    {
        var feed = _db.Get<PurchaseFeed>();
        var refreshes = new List<DateTime>();
        using var refresh = new CoalescedRefresh(feed, Window, _ => { lock (refreshes) { refreshes.Add(DateTime.UtcNow); } return Task.CompletedTask; }, NullLogger.Instance);

        for (var i = 0; i < 100; i++)
        {
            feed.Publish(Change(i));
            await Task.Delay(8, Xunit.TestContext.Current.CancellationToken);
        }
        var burstEnded = DateTime.UtcNow;
        await Task.Delay(Window * 3, Xunit.TestContext.Current.CancellationToken);

        lock (refreshes)
        {
            Assert.InRange(refreshes.Count, 2, 8);
            Assert.True(refreshes[^1] >= burstEnded, "the last purchase of the burst is shown");
        }
    }

    [Fact]
    public async Task Purchases_during_a_refresh_cause_exactly_one_more()
    {
        var feed = _db.Get<PurchaseFeed>();
        var started = 0;
        var firstRunning = new TaskCompletionSource();
        var releaseFirst = new TaskCompletionSource();
        using var refresh = new CoalescedRefresh(feed, Window, async _ =>
        {
            if (Interlocked.Increment(ref started) == 1)
            {
                firstRunning.SetResult();
                await releaseFirst.Task;
            }
        }, NullLogger.Instance);

        feed.Publish(Change(1));
        await firstRunning.Task.WaitAsync(TimeSpan.FromSeconds(5), Xunit.TestContext.Current.CancellationToken);
        feed.Publish(Change(2));
        feed.Publish(Change(3));
        releaseFirst.SetResult();
        await Task.Delay(Window * 4, Xunit.TestContext.Current.CancellationToken);

        Assert.Equal(2, Volatile.Read(ref started));
    }

    [Fact]
    public async Task A_disposed_refresh_unsubscribes_and_runs_no_more()
    {
        var feed = _db.Get<PurchaseFeed>();
        var runs = 0;
        var refresh = new CoalescedRefresh(feed, Window, _ => { Interlocked.Increment(ref runs); return Task.CompletedTask; }, NullLogger.Instance);
        Assert.Equal(1, feed.ListenerCount);

        feed.Publish(Change(1));
        refresh.Dispose();
        feed.Publish(Change(2));
        await Task.Delay(Window * 3, Xunit.TestContext.Current.CancellationToken);

        Assert.Equal(0, feed.ListenerCount);
        Assert.Equal(0, Volatile.Read(ref runs));
    }

    [Fact]
    public async Task A_recorded_purchase_reaches_the_refresh_through_the_real_service()
    {
        var member = await _db.AddMemberAsync();
        var latte = await _db.AddProductAsync("Latte", 450);
        var refreshed = new TaskCompletionSource();
        using var refresh = new CoalescedRefresh(_db.Get<PurchaseFeed>(), Window, _ => { refreshed.TrySetResult(); return Task.CompletedTask; }, NullLogger.Instance);

        await _db.RecordAsync(member, TestDatabase.DefaultNow, (latte, 1));

        await refreshed.Task.WaitAsync(TimeSpan.FromSeconds(1), Xunit.TestContext.Current.CancellationToken);
    }
}
