using MemberCards.Accounts;
using MemberCards.Auditing;
using MemberCards.Members;
using MemberCards.Purchases;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.Members;

public sealed class MemberCardTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private int _ada;
    private int _latte;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _ada = await _db.AddMemberAsync("Ada Lovelace", phone: "555 123 4567", email: "ada@example.com");
        _latte = await _db.AddProductAsync("Latte", 450);
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private MemberCardService Cards => _db.Get<MemberCardService>();

    private async Task<Member> StoredAsync()
    {
        await using var db = _db.Open();
        return await db.Members.AsNoTracking().SingleAsync(m => m.Id == _ada);
    }

    [Fact]
    public async Task A_frozen_card_refuses_purchases_until_unfrozen()
    {
        Assert.True((await Cards.FreezeAsync(_ada, TestUsers.Staff, CancellationToken.None)).Succeeded);

        var refused = await _db.Get<PurchaseService>().RecordAsync(new NewPurchase(_ada, [new NewPurchaseLine(_latte, 1)]), TestUsers.Staff, CancellationToken.None);
        Assert.False(refused.Succeeded);
        Assert.Equal(MessageCode.CardAlreadyFrozen, Assert.Single((await Cards.FreezeAsync(_ada, TestUsers.Staff, CancellationToken.None)).Errors).Code);

        Assert.True((await Cards.UnfreezeAsync(_ada, TestUsers.Staff, CancellationToken.None)).Succeeded);
        await _db.RecordAsync(_ada, TestDatabase.DefaultNow, (_latte, 1));
        Assert.Equal(1, (await StoredAsync()).PurchaseCount);
    }

    [Fact]
    public async Task Reporting_a_card_lost_issues_a_new_number_and_the_old_one_still_finds_the_member()
    {
        var old = (await StoredAsync()).CardNumber;
        await _db.RecordAsync(_ada, TestDatabase.DefaultNow, (_latte, 2));
        await Cards.FreezeAsync(_ada, TestUsers.Staff, CancellationToken.None);

        var result = await Cards.ReportLostAsync(_ada, TestUsers.Staff, CancellationToken.None);

        var member = await StoredAsync();
        Assert.True(CardNumber.IsValid(member.CardNumber));
        Assert.NotEqual(old, member.CardNumber);
        Assert.Equal(member.CardNumber, result.Value!.CardNumber);
        Assert.Equal(MemberStatus.Active, member.Status);
        Assert.Equal(900, member.TotalSpentMinor);
        var details = await _db.Get<MemberProfile>().GetAsync(_ada, TestUsers.Staff, CancellationToken.None);
        Assert.Equal([member.CardNumber, old], details!.Cards.Select(c => c.CardNumber));
        Assert.Equal(CardRetirement.Lost, details.Cards[1].Reason);
        var search = await _db.Get<MemberSearch>().ListAsync(new MemberListQuery(old), TestUsers.Staff, CancellationToken.None);
        Assert.Equal(_ada, Assert.Single(search.Rows).Id);
        Assert.Equal(MessageCode.CardReplacedNotice, search.Notice?.Code);
    }

    [Fact]
    public async Task Closing_a_membership_frees_its_email_and_phone_for_a_new_card()
    {
        await Cards.CloseAsync(_ada, TestUsers.Staff, CancellationToken.None);

        var again = await _db.Get<MemberService>().CreateAsync(new NewMember("Ada Lovelace", "ada@example.com", "5551234567"), TestUsers.Staff, CancellationToken.None);

        Assert.True(again.Succeeded);
        Assert.Equal(MemberStatus.Closed, (await StoredAsync()).Status);
    }

    [Fact]
    public async Task Anonymizing_erases_personal_fields_everywhere_and_keeps_the_totals()
    {
        await _db.RecordAsync(_ada, TestDatabase.DefaultNow, (_latte, 3));

        var result = await Cards.AnonymizeAsync(_ada, TestUsers.Manager, CancellationToken.None);

        Assert.True(result.Succeeded);
        var member = await StoredAsync();
        Assert.Equal(("", null, null, null, false), (member.Name, member.Email, member.Phone, member.Notes, member.MarketingOptIn));
        Assert.Equal(MemberStatus.Closed, member.Status);
        Assert.Equal((1, 1350L), (member.PurchaseCount, member.TotalSpentMinor));
        await using var db = _db.Open();
        Assert.Equal(1, await db.Purchases.CountAsync(p => p.MemberId == _ada));
        var entries = await db.AuditEntries.Where(e => e.EntityType == "Member").ToListAsync();
        Assert.DoesNotContain(entries, e => e.Details?.Contains("ada", StringComparison.OrdinalIgnoreCase) == true || e.Details?.Contains("5551234567", StringComparison.Ordinal) == true);
        Assert.Contains(entries, e => e.Action == AuditActions.MemberAnonymized && e.UserName == "manager@test");
        Assert.Empty((await _db.Get<MemberSearch>().ListAsync(new MemberListQuery("Lovelace"), TestUsers.Staff, CancellationToken.None)).Rows);
    }

    [Fact]
    public async Task Only_managers_anonymize()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => Cards.AnonymizeAsync(_ada, TestUsers.Staff, CancellationToken.None));
        Assert.Equal("Ada Lovelace", (await StoredAsync()).Name);
    }

    [Fact]
    public async Task An_inline_edit_loaded_before_a_freeze_is_refused_as_stale()
    {
        var loaded = Assert.Single((await _db.Get<MemberSearch>().ListAsync(new MemberListQuery(), TestUsers.Staff, CancellationToken.None)).Rows);
        await Cards.FreezeAsync(_ada, TestUsers.Manager, CancellationToken.None);

        var result = await _db.Get<MemberService>().UpdateAsync(
            new MemberEdit(loaded, "Ada B", loaded.Email, loaded.Phone, loaded.MarketingOptIn, null), TestUsers.Staff, CancellationToken.None);

        Assert.Contains(FieldError.Of(MessageCode.FieldNowWas, new FieldName("Status"), "Frozen", "Active"), (IEnumerable<FieldError>)Assert.Single(result.Errors).Args[1]!);
    }
}
