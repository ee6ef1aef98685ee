using MemberCards.Purchases;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

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
        var time = new FakeTimeProvider(TestDatabase.DefaultNow);
        var refreshes = new List<DateTimeOffset>();
        var published = 0;
        var lastShown = new TaskCompletionSource();
        using var refresh = new CoalescedRefresh(feed, Window, _ =>
        {
            lock (refreshes)
            {
                refreshes.Add(time.GetUtcNow());
            }
            if (Volatile.Read(ref published) == 100)
            {
                lastShown.TrySetResult();
            }
            return Task.CompletedTask;
        }, NullLogger.Instance, time);

        for (var i = 0; i < 100; i++)
        {
            feed.Publish(Change(i));
            Interlocked.Increment(ref published);
            time.Advance(TimeSpan.FromMilliseconds(8));
        }
        var burstEnded = time.GetUtcNow();
        time.Advance(Window);
        await lastShown.Task.WaitAsync(TimeSpan.FromSeconds(5), Xunit.TestContext.Current.CancellationToken);

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
        var time = new FakeTimeProvider(TestDatabase.DefaultNow);
        var started = 0;
        var firstRunning = new TaskCompletionSource();
        var releaseFirst = new TaskCompletionSource();
        var secondRan = new TaskCompletionSource();
        using var refresh = new CoalescedRefresh(feed, Window, async _ =>
        {
            if (Interlocked.Increment(ref started) == 1)
            {
                firstRunning.SetResult();
                await releaseFirst.Task;
            }
            else
            {
                secondRan.TrySetResult();
            }
        }, NullLogger.Instance, time);

        feed.Publish(Change(1));
        time.Advance(Window);
        await firstRunning.Task.WaitAsync(TimeSpan.FromSeconds(5), Xunit.TestContext.Current.CancellationToken);
        feed.Publish(Change(2));
        feed.Publish(Change(3));
        releaseFirst.SetResult();
        time.Advance(Window);
        await secondRan.Task.WaitAsync(TimeSpan.FromSeconds(5), Xunit.TestContext.Current.CancellationToken);
        time.Advance(Window * 3);

        Assert.Equal(2, Volatile.Read(ref started));
    }

    [Fact]
    public void A_disposed_refresh_unsubscribes_and_runs_no_more()
    {
        var feed = _db.Get<PurchaseFeed>();
        var runs = 0;
        var time = new FakeTimeProvider(TestDatabase.DefaultNow);
        var refresh = new CoalescedRefresh(feed, Window, _ => { Interlocked.Increment(ref runs); return Task.CompletedTask; }, NullLogger.Instance, time);
        Assert.Equal(1, feed.ListenerCount);

        feed.Publish(Change(1));
        refresh.Dispose();
        feed.Publish(Change(2));
        time.Advance(Window * 3);

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
