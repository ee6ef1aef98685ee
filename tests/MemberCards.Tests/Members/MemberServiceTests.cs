using MemberCards.Members;

namespace MemberCards.Tests.Members;

public sealed class MemberServiceTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async ValueTask InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private MemberService Members => _db.Get<MemberService>();

    [Fact]
    public async Task A_new_member_gets_a_valid_card_and_a_normalized_phone()
    {
        var result = await Members.CreateAsync(new NewMember("  Grace Hopper ", "Grace@Example.com", "(555) 010-2030"), TestUsers.Staff, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.True(CardNumber.IsValid(result.Value!.CardNumber));
        await using var db = _db.Open();
        var member = db.Members.Single(m => m.Id == result.Value.MemberId);
        Assert.Equal("Grace Hopper", member.Name);
        Assert.Equal("grace@example.com", member.Email);
        Assert.Equal("5550102030", member.Phone);
        Assert.Equal(MemberStatus.Active, member.Status);
        Assert.Equal(TestDatabase.DefaultNow, member.JoinedAt);
    }

    [Theory]
    [InlineData("", null, null, "Name", MessageCode.MemberNameRequired)]
    [InlineData("Ann", "not-an-email", null, "Email", MessageCode.EmailInvalid)]
    [InlineData("Ann", "ann@localhost", null, "Email", MessageCode.EmailInvalid)]
    [InlineData("Ann", null, "12-34", "Phone", MessageCode.PhoneInvalid)]
    public async Task Bad_input_is_refused_with_a_message_for_the_field(string name, string? email, string? phone, string field, MessageCode message)
    {
        var result = await Members.CreateAsync(new NewMember(name, email, phone), TestUsers.Staff, CancellationToken.None);

        var error = Assert.Single(result.Errors);
        Assert.Equal(field, error.Field);
        Assert.Equal(message, error.Code);
        await using var db = _db.Open();
        Assert.Empty(db.Members);
    }

    [Fact]
    public async Task A_name_longer_than_the_limit_is_refused()
    {
        var result = await Members.CreateAsync(new NewMember(new string('x', MemberLimits.NameLength + 1), null, null), TestUsers.Staff, CancellationToken.None);

        Assert.Equal("Name", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public async Task Phone_and_email_of_an_open_membership_cannot_be_reused()
    {
        await _db.AddMemberAsync("First", phone: "555 111 2222", email: "same@example.com");

        var result = await Members.CreateAsync(new NewMember("Second", "SAME@example.com", "(555) 111-2222"), TestUsers.Staff, CancellationToken.None);

        Assert.Equal(["Email", "Phone"], result.Errors.Select(e => e.Field).Order());
        await using var db = _db.Open();
        Assert.Single(db.Members);
    }
}
