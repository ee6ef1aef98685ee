using MemberCards.Accounts;
using MemberCards.Members;
using MemberCards.Purchases;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.Purchases;

public sealed class MemberLookupTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private int _jose;
    private int _grace;
    private string _joseCard = "";

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _jose = await _db.AddMemberAsync("José Álvarez", phone: "(555) 123-4567");
        _grace = await _db.AddMemberAsync("Grace Hopper", phone: "555 987 6543");
        await using var db = _db.Open();
        _joseCard = await db.Members.Where(m => m.Id == _jose).Select(m => m.CardNumber).SingleAsync();
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private Task<IReadOnlyList<PurchaseMember>> FindAsync(string text) => _db.Get<MemberLookup>().FindAsync(text, TestUsers.Staff, CancellationToken.None);

    [Fact]
    public async Task A_scanned_card_number_finds_its_member_with_or_without_spaces()
    {
        Assert.Equal(_jose, Assert.Single(await FindAsync(_joseCard)).Id);
        Assert.Equal(_jose, Assert.Single(await FindAsync(CardNumber.Format(_joseCard))).Id);
    }

    [Fact]
    public async Task A_retired_card_still_finds_its_member()
    {
        const string oldCard = "123456789018";
        Assert.True(CardNumber.IsValid(oldCard));
        await using (var db = _db.Open())
        {
            db.RetiredCards.Add(new RetiredCard { MemberId = _grace, CardNumber = oldCard, Reason = CardRetirement.Lost, IssuedAt = TestDatabase.DefaultNow.AddYears(-1), RetiredAt = TestDatabase.DefaultNow });
            await db.SaveChangesAsync();
        }

        var found = Assert.Single(await FindAsync(oldCard));

        Assert.Equal(("Grace Hopper", MemberStatus.Active), (found.Name, found.Status));
    }

    [Fact]
    public async Task Phone_digits_and_names_without_accents_find_members()
    {
        Assert.Equal(_jose, Assert.Single(await FindAsync("555-123-4567")).Id);
        Assert.Equal(_grace, Assert.Single(await FindAsync("6543")).Id);
        Assert.Equal(_jose, Assert.Single(await FindAsync("jose alv")).Id);
        Assert.Equal(_grace, Assert.Single(await FindAsync("HOPPER")).Id);
    }

    [Fact]
    public async Task A_wrong_card_or_a_single_letter_finds_nobody_and_marketing_may_not_look()
    {
        var mistyped = _joseCard[..^1] + (char)('0' + (_joseCard[^1] - '0' + 1) % 10);

        Assert.Empty(await FindAsync(mistyped));
        Assert.Empty(await FindAsync("j"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Get<MemberLookup>().FindAsync("grace", TestUsers.Marketing, CancellationToken.None));
    }
}
