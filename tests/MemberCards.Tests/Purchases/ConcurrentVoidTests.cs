using System.Data.Common;
using MemberCards.Data;
using MemberCards.Purchases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace MemberCards.Tests.Purchases;

/// <summary>Holds an instance's next commit until released, so a test can start another write while it is pending.</summary>
public sealed class CommitGate : DbTransactionInterceptor
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a transaction has written everything and waits to commit.</summary>
    public Task Reached => _reached.Task;

    public void Release() => _released.TrySetResult();

    public override async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        _reached.TrySetResult();
        await _released.Task.WaitAsync(cancellationToken);
        return result;
    }
}

/// <summary>
/// Two managers void two purchases of one member at the same moment, on two web instances. Each void recomputes the
/// member's last purchase; the one that finishes second must see the first one's void, or the member keeps a
/// voided purchase as their last (PostgreSQL reads at READ COMMITTED and doesn't make readers wait for writers).
/// </summary>
public sealed class ConcurrentVoidTests : IAsyncLifetime
{
    private static readonly DateTime Monday = new(2026, 3, 16, 14, 0, 0, DateTimeKind.Utc);
    private TestDatabase _db = null!;

    public async ValueTask InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task Two_voids_of_one_members_purchases_at_once_leave_the_earlier_purchase_as_the_last()
    {
        var ada = await _db.AddMemberAsync("Ada Lovelace");
        var latte = await _db.AddProductAsync("Latte", 450);
        await _db.RecordAsync(ada, Monday, (latte, 1));
        var middle = await _db.RecordAsync(ada, Monday.AddDays(1), (latte, 2));
        var latest = await _db.RecordAsync(ada, Monday.AddDays(2), (latte, 3));
        var gate = new CommitGate();
        await using var other = _db.NewInstance(services => services.ConfigureDbContext<MemberCardsDb>(options => options.AddInterceptors(gate)));

        // The other instance voids the latest purchase and stops just before its commit; then this one voids the middle one.
        var voidingLatest = Task.Run(() => other.GetRequiredService<PurchaseService>().VoidAsync(latest, "Wrong card", TestUsers.Manager, CancellationToken.None));
        await gate.Reached.WaitAsync(TimeSpan.FromSeconds(30));
        var voidingMiddle = Task.Run(() => _db.Get<PurchaseService>().VoidAsync(middle, "Entered twice", TestUsers.Manager, CancellationToken.None));
        await WaitUntilAWriteWaitsAsync(voidingMiddle);
        gate.Release();

        Assert.True((await voidingLatest).Succeeded);
        Assert.True((await voidingMiddle).Succeeded);
        await using var db = _db.Open();
        var member = await db.Members.AsNoTracking().SingleAsync(m => m.Id == ada);
        Assert.Equal((1, 450L, Monday), (member.PurchaseCount, member.TotalSpentMinor, member.LastPurchaseAt));
        Assert.Empty(await _db.Get<FiguresCheck>().FindMismatchesAsync(TestUsers.Manager, CancellationToken.None));
    }

    /// <summary>
    /// On PostgreSQL, until the second void waits on a row the first holds (the state the race needs). SQLite has one
    /// writer: the second void's transaction waits to begin until the first commits, whenever it starts.
    /// </summary>
    private async Task WaitUntilAWriteWaitsAsync(Task<Result<int>> write)
    {
        if (_db.Provider != DatabaseProvider.PostgreSql)
        {
            return;
        }
        var deadline = DateTime.UtcNow.AddSeconds(30);
        await using var db = _db.Open();
        while (!write.IsCompleted && DateTime.UtcNow < deadline)
        {
            var waiting = await db.Database.SqlQueryRaw<int>(
                "SELECT COUNT(*)::int AS \"Value\" FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'").SingleAsync();
            if (waiting > 0)
            {
                return;
            }
            await Task.Delay(20);
        }
        Assert.Fail(write.IsCompleted ? "The second void finished while the first still held its rows." : "The second void never waited on the first one's rows.");
    }
}
