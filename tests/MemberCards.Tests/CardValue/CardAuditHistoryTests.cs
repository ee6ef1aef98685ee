using System.Text.Json;
using MemberCards.Auditing;
using MemberCards.CardValue;
using MemberCards.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MemberCards.Tests.CardValue;

/// <summary>The member page's history (the member's own audit entries) shows every change of their card's value.</summary>
public sealed class CardAuditHistoryTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private CardScenario _shop = null!;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _shop = await CardScenario.CreateAsync(_db);
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private Task<IReadOnlyList<AuditRow>> HistoryAsync(int memberId) => _db.Get<MemberProfile>().HistoryAsync(memberId, TestUsers.Staff, CancellationToken.None);

    private static int? TopUpIdOf(AuditRow entry) =>
        JsonDocument.Parse(entry.Details!).RootElement.TryGetProperty("topUpId", out var id) ? id.GetInt32() : null;

    [Fact]
    public async Task A_members_history_shows_their_top_ups_top_up_voids_adjustments_and_cash_out_and_no_one_elses()
    {
        var kept = await _shop.TopUpAsync(50_000);
        var voided = await _shop.TopUpAsync(10_000);
        Assert.True((await _db.Get<TopUpService>().VoidAsync(voided.TopUpId, "Wrong card", TestUsers.Manager, CancellationToken.None)).Succeeded);
        var value = _db.Get<CardValueService>();
        Assert.True((await value.AdjustAsync(new CardAdjustment(_shop.MemberId, 0, 0, 20, "Birthday gift"), TestUsers.Manager, CancellationToken.None)).Succeeded);
        Assert.True((await value.CloseWithCashOutAsync(_shop.MemberId, new CardBalances(50_000, 0, 20), TestUsers.Staff, CancellationToken.None)).Succeeded);
        var other = await _db.AddMemberAsync("李四");
        await _shop.TryTopUpAsync(5_000, memberId: other);

        var history = await HistoryAsync(_shop.MemberId);

        Assert.Equal(
            [AuditActions.CardCashedOut, AuditActions.CardAdjusted, AuditActions.TopUpVoided, AuditActions.TopUpRecorded, AuditActions.TopUpRecorded, AuditActions.MemberCreated],
            history.Select(h => h.Action));
        Assert.Equal([voided.TopUpId, voided.TopUpId, kept.TopUpId], history.Where(h => h.Action is AuditActions.TopUpVoided or AuditActions.TopUpRecorded).Select(TopUpIdOf));
        Assert.Equal([AuditActions.TopUpRecorded, AuditActions.MemberCreated], (await HistoryAsync(other)).Select(h => h.Action));
    }

    [Fact]
    public async Task Top_up_entries_written_under_the_top_up_before_are_moved_to_the_member_with_the_top_up_id()
    {
        var topUp = await _shop.TopUpAsync(50_000);
        Assert.True((await _db.Get<TopUpService>().VoidAsync(topUp.TopUpId, "Wrong card", TestUsers.Manager, CancellationToken.None)).Succeeded);
        await using var db = _db.Open();
        var migrator = db.GetService<IMigrator>();

        // Back to the schema before the move: the entries as the app wrote them then.
        var migrations = db.Database.GetMigrations().ToList();
        var beforeMove = migrations[migrations.FindIndex(m => m.EndsWith("_TopUpAuditOnMember", StringComparison.Ordinal)) - 1];
        await migrator.MigrateAsync(beforeMove, TestContext.Current.CancellationToken);
        var before = await db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditActions.TopUpRecorded || e.Action == AuditActions.TopUpVoided).ToListAsync(TestContext.Current.CancellationToken);
        Assert.All(before, e => Assert.Equal(("TopUp", topUp.TopUpId.ToString(System.Globalization.CultureInfo.InvariantCulture)), (e.EntityType, e.EntityId)));
        Assert.All(before, e => Assert.Equal(_shop.MemberId, JsonDocument.Parse(e.Details!).RootElement.GetProperty("memberId").GetInt32()));
        Assert.Equal([AuditActions.MemberCreated], (await HistoryAsync(_shop.MemberId)).Select(h => h.Action));

        await migrator.MigrateAsync(cancellationToken: TestContext.Current.CancellationToken);

        var history = await HistoryAsync(_shop.MemberId);
        Assert.Equal([AuditActions.TopUpVoided, AuditActions.TopUpRecorded, AuditActions.MemberCreated], history.Select(h => h.Action));
        Assert.All(history.Take(2), e => Assert.Equal(topUp.TopUpId, TopUpIdOf(e)));
        Assert.All(history.Take(2), e => Assert.False(JsonDocument.Parse(e.Details!).RootElement.TryGetProperty("memberId", out _)));
        Assert.Equal(50_000, JsonDocument.Parse(history[1].Details!).RootElement.GetProperty("amountMinor").GetInt64());
    }
}
