using System.Text.Json;
using MemberCards.Accounts;
using MemberCards.Auditing;
using MemberCards.Members;
using MemberCards.Purchases;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.Auditing;

public sealed class AuditTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private int _member;
    private int _coffee;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _member = await _db.AddMemberAsync("Ada Lovelace", phone: "555 123 4567");
        _coffee = await _db.AddProductAsync("Coffee", 300);
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private async Task<List<AuditEntry>> Entries()
    {
        await using var db = _db.Open();
        return await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }

    [Fact]
    public async Task Creating_a_member_recording_and_voiding_a_purchase_each_leave_an_entry_with_who_and_what()
    {
        var purchase = await _db.RecordAsync(_member, TestDatabase.DefaultNow, (_coffee, 2));
        await _db.Get<PurchaseService>().VoidAsync(purchase, "Entered twice", TestUsers.Manager, CancellationToken.None);

        var entries = await Entries();
        Assert.Equal(
            [(AuditActions.MemberCreated, "staff@test", "Member", $"{_member}"), (AuditActions.PurchaseRecorded, "staff@test", "Purchase", $"{purchase}"), (AuditActions.PurchaseVoided, "manager@test", "Purchase", $"{purchase}")],
            entries.Select(e => (e.Action, e.UserName, e.EntityType, e.EntityId!)));
        Assert.Equal("Ada Lovelace", JsonDocument.Parse(entries[0].Details!).RootElement.GetProperty("name").GetString());
        Assert.Equal(600, JsonDocument.Parse(entries[1].Details!).RootElement.GetProperty("totalMinor").GetInt64());
        Assert.Equal("Entered twice", JsonDocument.Parse(entries[2].Details!).RootElement.GetProperty("reason").GetString());
        Assert.All(entries, e => Assert.Equal(TestDatabase.DefaultNow, e.At));
    }

    [Fact]
    public async Task A_refused_purchase_member_or_void_leaves_no_entry()
    {
        var before = (await Entries()).Count;

        await _db.Get<PurchaseService>().RecordAsync(new NewPurchase(_member, [new NewPurchaseLine(_coffee, 0)]), TestUsers.Staff, CancellationToken.None);
        await _db.Get<MemberService>().CreateAsync(new NewMember("Copy", null, "(555) 123-4567"), TestUsers.Staff, CancellationToken.None);
        await _db.Get<PurchaseService>().VoidAsync(12345, "No such purchase", TestUsers.Manager, CancellationToken.None);

        Assert.Equal(before, (await Entries()).Count);
    }

    [Fact]
    public async Task The_audit_trail_filters_by_user_action_and_day_and_pages_newest_first()
    {
        for (var i = 0; i < 3; i++)
        {
            _db.Clock.UtcNow = TestDatabase.DefaultNow.AddDays(-i);
            await _db.RecordAsync(_member, _db.Clock.UtcNow, (_coffee, 1));
        }
        var audit = _db.Get<AuditService>();

        var recorded = await audit.SearchAsync(new AuditQuery(Action: AuditActions.PurchaseRecorded, PageSize: 2), TestUsers.Manager, CancellationToken.None);
        var byStaff = await audit.SearchAsync(new AuditQuery(UserName: "STAFF"), TestUsers.Manager, CancellationToken.None);
        var oneDay = await audit.SearchAsync(new AuditQuery(From: new DateOnly(2026, 3, 19), To: new DateOnly(2026, 3, 19)), TestUsers.Manager, CancellationToken.None);

        Assert.Equal(3, recorded.Total);
        Assert.Equal([TestDatabase.DefaultNow, TestDatabase.DefaultNow.AddDays(-1)], recorded.Rows.Select(r => r.At));
        Assert.Equal(4, byStaff.Total);
        Assert.Equal(TestDatabase.DefaultNow.AddDays(-1), Assert.Single(oneDay.Rows).At);
    }

    [Fact]
    public async Task Only_managers_read_the_audit_trail()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Get<AuditService>().SearchAsync(new AuditQuery(), TestUsers.Staff, CancellationToken.None));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Get<AuditService>().SearchAsync(new AuditQuery(), TestUsers.Marketing, CancellationToken.None));
    }

    [Fact]
    public async Task A_failed_sign_in_is_recorded_without_a_signed_in_user_and_only_as_a_failed_sign_in()
    {
        await _db.Get<AuditService>().RecordFailedSignInAsync(" someone@example.com ", lockedOut: true, "127.0.0.1", CancellationToken.None);

        var entry = Assert.Single((await _db.Get<AuditService>().SearchAsync(new AuditQuery(Action: AuditActions.SignInFailed), TestUsers.Manager, CancellationToken.None)).Rows);
        Assert.Equal(("someone@example.com", "User", "someone@example.com", "127.0.0.1"), (entry.UserName, entry.EntityType, entry.EntityId, entry.SourceAddress));
        Assert.Contains("locked out", entry.Details, StringComparison.Ordinal);
        Assert.DoesNotContain(typeof(AuditService).GetMethods(), m => m.IsPublic && m.Name is "WriteAsync" or "RecordAsync");
    }
}
