using MemberCards.Data;
using MemberCards.Purchases;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MemberCards.Tests;

/// <summary>Two web instances on one PostgreSQL database: a purchase recorded on one reaches the other's open pages.</summary>
public sealed class FeedRelayTests : IAsyncLifetime
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(1);

    private TestDatabase _db = null!;
    private ServiceProvider _a = null!;
    private ServiceProvider _b = null!;
    private int _member;
    private int _latte;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _member = await _db.AddMemberAsync();
        _latte = await _db.AddProductAsync("Latte", 450);
        (_a, _b) = (await StartAsync(), await StartAsync());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in new[] { _a, _b })
        {
            foreach (var hosted in instance.GetServices<IHostedService>())
            {
                await hosted.StopAsync(CancellationToken.None);
            }
            await instance.DisposeAsync();
        }
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task A_purchase_recorded_on_one_instance_reaches_the_other_within_a_second_and_its_own_once()
    {
        using var onA = new Events(_a);
        using var onB = new Events(_b);

        var purchase = await RecordOnAAsync();

        var seen = await onB.WaitAsync(e => e.PurchaseId == purchase);
        Assert.Equal((PurchaseChange.Recorded, _member, 450L), (seen.Change, seen.MemberId, seen.TotalMinor));
        Assert.Single(onA.All, e => e.PurchaseId == purchase);
    }

    [Fact]
    public async Task After_its_connection_is_cut_an_instance_reconnects_refreshes_once_and_hears_the_next_purchase()
    {
        using var onB = new Events(_b);
        var relay = _b.GetRequiredService<PostgreSqlFeedRelay>();
        var server = await PostgreSqlServer.GetAsync();

        await server.ExecuteAsync($"SELECT pg_terminate_backend({relay.ListenerProcessId})");

        await onB.WaitAsync(e => e.Change == PurchaseChange.Missed, TimeSpan.FromSeconds(10));
        var purchase = await RecordOnAAsync();
        await onB.WaitAsync(e => e.PurchaseId == purchase);
        Assert.Single(onB.All, e => e.Change == PurchaseChange.Missed);
    }

    private async Task<ServiceProvider> StartAsync()
    {
        var instance = _db.NewInstance();
        foreach (var hosted in instance.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }
        await instance.GetRequiredService<PostgreSqlFeedRelay>().Listening.WaitAsync(TimeSpan.FromSeconds(10));
        return instance;
    }

    private async Task<int> RecordOnAAsync()
    {
        var result = await _a.GetRequiredService<PurchaseService>().RecordAsync(
            new NewPurchase(_member, [new NewPurchaseLine(_latte, 1)]), TestUsers.Staff, CancellationToken.None);
        Assert.True(result.Succeeded);
        return result.Value!.PurchaseId;
    }

    /// <summary>What one instance's open pages hear, with a wait for the first event that matches.</summary>
    private sealed class Events : IDisposable
    {
        private readonly List<PurchaseEvent> _seen = [];
        private readonly Lock _gate = new();
        private readonly IDisposable _subscription;
        private readonly List<(Func<PurchaseEvent, bool> Match, TaskCompletionSource<PurchaseEvent> Done)> _waits = [];

        public Events(ServiceProvider instance) => _subscription = instance.GetRequiredService<PurchaseFeed>().Subscribe(Add);

        public void Dispose() => _subscription.Dispose();

        public IReadOnlyList<PurchaseEvent> All
        {
            get
            {
                lock (_gate)
                {
                    return [.. _seen];
                }
            }
        }

        public Task<PurchaseEvent> WaitAsync(Func<PurchaseEvent, bool> match, TimeSpan? within = null)
        {
            var done = new TaskCompletionSource<PurchaseEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                if (_seen.FirstOrDefault(match) is { } already)
                {
                    return Task.FromResult(already);
                }
                _waits.Add((match, done));
            }
            return done.Task.WaitAsync(within ?? Within);
        }

        private void Add(PurchaseEvent change)
        {
            lock (_gate)
            {
                _seen.Add(change);
                foreach (var wait in _waits.Where(w => w.Match(change)))
                {
                    wait.Done.TrySetResult(change);
                }
            }
        }
    }
}
