using MemberCards.Auditing;
using MemberCards.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.Members;

public sealed class MemberEditTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private int _ada;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _ada = await _db.AddMemberAsync("Ada Lovelace", phone: "555 123 4567", email: "ada@example.com");
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private MemberService Members => _db.Get<MemberService>();

    private async Task<MemberRow> LoadAsync(int id) =>
        Assert.Single((await _db.Get<MemberSearch>().ListAsync(new MemberListQuery(), TestUsers.Staff, CancellationToken.None)).Rows, r => r.Id == id);

    private static MemberEdit Edit(MemberRow row, string? email = null, string? name = null, string? phone = null, string? notes = null) =>
        new(row, name ?? row.Name, email ?? row.Email, phone ?? row.Phone, row.MarketingOptIn, notes ?? row.Notes);

    [Fact]
    public async Task An_edit_saves_normalized_values_bumps_the_version_and_is_audited()
    {
        var loaded = await LoadAsync(_ada);

        var result = await Members.UpdateAsync(Edit(loaded, email: " Ada.L@Example.com ", phone: "+44 (20) 7946-0018", name: "Ada King"), TestUsers.Staff, CancellationToken.None);

        Assert.True(result.Succeeded);
        var saved = await LoadAsync(_ada);
        Assert.Equal(("ada.l@example.com", "+442079460018", "Ada King"), (saved.Email, saved.Phone, saved.Name));
        Assert.Equal(loaded.Version + 1, saved.Version);
        await using var db = _db.Open();
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.MemberChanged);
        Assert.Equal("staff@test", entry.UserName);
        Assert.Contains("\"Email\":[\"ada@example.com\",\"ada.l@example.com\"]", entry.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("Tier", entry.Details, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("   ", null, null, null, "Name")]
    [InlineData(null, "ada@", null, null, "Email")]
    [InlineData(null, null, "555-CALL-NOW", null, "Phone")]
    public async Task Bad_input_is_refused_at_its_field_and_nothing_changes(string? name, string? email, string? phone, string? notes, string field)
    {
        var loaded = await LoadAsync(_ada);

        var result = await Members.UpdateAsync(Edit(loaded, email, name, phone, notes), TestUsers.Staff, CancellationToken.None);

        Assert.Equal(field, Assert.Single(result.Errors).Field);
        Assert.Equal(loaded, await LoadAsync(_ada));
    }

    [Fact]
    public async Task A_ten_thousand_character_note_is_refused()
    {
        var loaded = await LoadAsync(_ada);

        var result = await Members.UpdateAsync(Edit(loaded, notes: new string('n', 10_000)), TestUsers.Staff, CancellationToken.None);

        Assert.Equal(new FieldError("Notes", MessageCode.MemberNotesTooLong, 1000), Assert.Single(result.Errors, e => e.Field == "Notes"));
        Assert.Null((await LoadAsync(_ada)).Notes);
    }

    [Fact]
    public async Task An_email_used_by_another_open_membership_is_refused()
    {
        await _db.AddMemberAsync("Grace Hopper", email: "grace@example.com");
        var loaded = await LoadAsync(_ada);

        var result = await Members.UpdateAsync(Edit(loaded, email: "GRACE@example.com"), TestUsers.Staff, CancellationToken.None);

        Assert.Equal(MessageCode.EmailTaken, Assert.Single(result.Errors, e => e.Field == "Email").Code);
        Assert.Equal("ada@example.com", (await LoadAsync(_ada)).Email);
    }

    [Fact]
    public async Task A_stale_edit_is_refused_with_the_other_change_and_never_overwrites_it()
    {
        var mine = await LoadAsync(_ada);
        var theirs = await LoadAsync(_ada);
        var other = TestUsers.For("bob@test", MemberCards.Accounts.Roles.Manager);
        Assert.True((await Members.UpdateAsync(Edit(theirs, email: "bob.set.this@example.com"), other, CancellationToken.None)).Succeeded);

        var result = await Members.UpdateAsync(Edit(mine, name: "Ada Byron"), TestUsers.Staff, CancellationToken.None);

        var error = Assert.Single(result.Errors);
        Assert.Equal("Version", error.Field);
        Assert.Equal("bob@test", Assert.IsType<FieldError>(error.Args[0]).Args[0]);
        Assert.Contains(FieldError.Of(MessageCode.FieldNowWas, new FieldName("Email"), "bob.set.this@example.com", "ada@example.com"), (IEnumerable<FieldError>)error.Args[1]!);
        var stored = await LoadAsync(_ada);
        Assert.Equal(("Ada Lovelace", "bob.set.this@example.com"), (stored.Name, stored.Email));
    }

    [Fact]
    public async Task Markup_in_a_field_is_stored_as_plain_text()
    {
        var loaded = await LoadAsync(_ada);

        await Members.UpdateAsync(Edit(loaded, name: "<script>alert(1)</script>", notes: "<b>VIP</b>"), TestUsers.Staff, CancellationToken.None);

        var saved = await LoadAsync(_ada);
        Assert.Equal(("<script>alert(1)</script>", "<b>VIP</b>"), (saved.Name, saved.Notes));
    }

    [Fact]
    public async Task Opting_out_clears_the_opt_in_date_and_opting_in_stamps_it()
    {
        var loaded = await LoadAsync(_ada);
        await Members.UpdateAsync(Edit(loaded) with { MarketingOptIn = true }, TestUsers.Staff, CancellationToken.None);
        await using (var db = _db.Open())
        {
            Assert.Equal(TestDatabase.DefaultNow, (await db.Members.SingleAsync(m => m.Id == _ada)).MarketingOptInAt);
        }

        await Members.UpdateAsync(Edit(await LoadAsync(_ada)) with { MarketingOptIn = false }, TestUsers.Staff, CancellationToken.None);

        await using var after = _db.Open();
        Assert.Null((await after.Members.SingleAsync(m => m.Id == _ada)).MarketingOptInAt);
    }

    [Fact]
    public async Task Marketing_cannot_edit_members() =>
        await Assert.ThrowsAsync<MemberCards.Accounts.AccessDeniedException>(async () =>
            await Members.UpdateAsync(Edit(await LoadAsync(_ada), name: "X"), TestUsers.Marketing, CancellationToken.None));
}
