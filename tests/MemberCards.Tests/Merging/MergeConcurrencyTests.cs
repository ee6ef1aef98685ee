using MemberCards.Data;
using MemberCards.Merging;
using MemberCards.Purchases;
using MemberCards.Tests.Purchases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberCards.Tests.Merging;

/// <summary>
/// A till records a purchase for the absorbed member while a manager merges, on another web instance: the purchase is
/// never lost — written before the merge, it moves with the rest; arriving after, it is refused with the card it went
/// to. Each side holds its commit until the other waits on the member it locked (PostgreSQL; SQLite has one writer).
/// </summary>
public sealed class MergeConcurrencyTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private MergeScenario _shop = null!;
    private int _kept;
    private int _absorbed;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _shop = await MergeScenario.CreateAsync(_db);
        _kept = await _shop.MemberAsync("Ada Lovelace");
        _absorbed = await _shop.MemberAsync("Ada Lovelace");
        await _shop.PayAsync(_absorbed, 1);
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private Task<Result<RecordedPurchase>> RecordOn(IServiceProvider services) =>
        Task.Run(() => services.GetRequiredService<PurchaseService>().RecordAsync(
            new NewPurchase(_absorbed, [new NewPurchaseLine(_shop.MealId, 2)]), TestUsers.Staff, CancellationToken.None));

    private Task<Result<int>> MergeOn(IServiceProvider services) =>
        Task.Run(() => services.GetRequiredService<MergeService>().MergeAsync(_kept, _absorbed, TestUsers.Manager, CancellationToken.None));

    [Fact]
    public async Task A_purchase_written_while_the_merge_waits_moves_with_the_absorbed_members_history()
    {
        var gate = new CommitGate();
        await using var till = _db.NewInstance(services => services.ConfigureDbContext<MemberCardsDb>(options => options.AddInterceptors(gate)));
        var recording = RecordOn(till);
        await gate.Reached.WaitAsync(TimeSpan.FromSeconds(30));
        var merging = MergeOn(_db.NewInstance());
        await WaitUntilAWriteWaitsAsync(merging);
        gate.Release();

        var recorded = await recording;
        Assert.True(recorded.Succeeded);
        Assert.True((await merging).Succeeded);
        await using var db = _db.Open();
        Assert.Equal(_kept, await db.Purchases.Where(p => p.Id == recorded.Value!.PurchaseId).Select(p => p.MemberId).SingleAsync());
        var kept = await db.Members.AsNoTracking().SingleAsync(m => m.Id == _kept);
        Assert.Equal((2, 18_000L), (kept.PurchaseCount, kept.TotalSpentMinor));
        await _shop.AssertFiguresCleanAsync();
    }

    [Fact]
    public async Task A_purchase_arriving_while_the_merge_commits_is_refused_with_the_card_it_was_merged_into()
    {
        var gate = new CommitGate();
        await using var office = _db.NewInstance(services => services.ConfigureDbContext<MemberCardsDb>(options => options.AddInterceptors(gate)));
        var merging = MergeOn(office);
        await gate.Reached.WaitAsync(TimeSpan.FromSeconds(30));
        var recording = RecordOn(_db.NewInstance());
        await WaitUntilAWriteWaitsAsync(recording);
        gate.Release();

        Assert.True((await merging).Succeeded);
        var refused = await recording;
        var refusal = Assert.Single(refused.Errors);
        Assert.Equal(MessageCode.PurchaseCardMerged, refusal.Code);
        Assert.Equal(MemberCards.Members.CardNumber.Format((await _shop.MemberRowAsync(_kept)).CardNumber), refusal.Args[0]);
        await using var db = _db.Open();
        Assert.Equal(1, await db.Purchases.CountAsync());
        await _shop.AssertFiguresCleanAsync();
    }

    private async Task WaitUntilAWriteWaitsAsync(Task write)
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
        Assert.Fail(write.IsCompleted ? "The second write finished while the first still held its rows." : "The second write never waited on the first one's rows.");
    }
}
