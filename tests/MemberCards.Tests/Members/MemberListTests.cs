using MemberCards.Members;

namespace MemberCards.Tests.Members;

public sealed class MemberListTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private int _ada;
    private int _grace;
    private int _linus;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _ada = await _db.AddMemberAsync("Ada Lovelace", phone: "(555) 123-4567", email: "ada@example.com");
        _grace = await _db.AddMemberAsync("Grace Hopper", phone: "555 987 6543", email: "grace@example.com");
        _linus = await _db.AddMemberAsync("Linus 100%", phone: "+46 70 111 2222");
        var coffee = await _db.AddProductAsync("Coffee", 300);
        await _db.RecordAsync(_grace, TestDatabase.DefaultNow.AddDays(-1), (coffee, 5));
        await _db.RecordAsync(_linus, TestDatabase.DefaultNow.AddDays(-2), (coffee, 1));
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private async Task<IReadOnlyList<int>> Find(MemberListQuery query) =>
        [.. (await _db.Get<MemberService>().ListAsync(query, TestUsers.Staff, CancellationToken.None)).Rows.Select(r => r.Id)];

    [Theory]
    [InlineData("123-45")]
    [InlineData("(555) 1234")]
    [InlineData("5551234567")]
    public async Task A_phone_fragment_finds_the_member_whatever_the_formatting(string typed) =>
        Assert.Equal([_ada], await Find(new MemberListQuery(typed)));

    [Fact]
    public async Task Names_and_emails_match_without_regard_to_case()
    {
        Assert.Equal([_grace], await Find(new MemberListQuery("HOPPER")));
        Assert.Equal([_ada], await Find(new MemberListQuery("ada@EXAMPLE")));
    }

    [Fact]
    public async Task A_card_number_finds_its_member_and_wildcards_in_the_search_are_literal()
    {
        await using var db = _db.Open();
        var card = db.Members.Single(m => m.Id == _grace).CardNumber;

        Assert.Equal([_grace], await Find(new MemberListQuery(CardNumber.Format(card))));
        Assert.Equal([_linus], await Find(new MemberListQuery("100%")));
        Assert.Empty(await Find(new MemberListQuery("_")));
    }

    [Fact]
    public async Task Sorting_by_total_spend_and_paging_happen_in_the_query()
    {
        Assert.Equal([_grace, _linus, _ada], await Find(new MemberListQuery(SortBy: nameof(MemberRow.TotalSpentMinor), Descending: true)));
        var second = await _db.Get<MemberService>().ListAsync(new MemberListQuery(SortBy: nameof(MemberRow.Name), Page: 1, PageSize: 2), TestUsers.Staff, CancellationToken.None);
        Assert.Equal(3, second.Total);
        Assert.Equal(["Linus 100%"], second.Rows.Select(r => r.Name));
    }
}
