using MemberCards.CardValue;
using MemberCards.Data;
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
        [.. (await _db.Get<MemberSearch>().ListAsync(query, TestUsers.Staff, CancellationToken.None)).Rows.Select(r => r.Id)];

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
        var second = await _db.Get<MemberSearch>().ListAsync(new MemberListQuery(SortBy: nameof(MemberRow.Name), Page: 1, PageSize: 2), TestUsers.Staff, CancellationToken.None);
        Assert.Equal(3, second.Total);
        Assert.Equal(["Linus 100%"], second.Rows.Select(r => r.Name));
    }

    [Fact]
    public async Task Names_match_without_regard_to_accents_and_chinese_names_match_by_any_part()
    {
        var jose = await _db.AddMemberAsync("José Müller");
        var wang = await _db.AddMemberAsync("王小明");

        Assert.Equal([jose], await Find(new MemberListQuery("jose muller")));
        Assert.Equal([jose], await Find(new MemberListQuery("MÜLL")));
        Assert.Equal([wang], await Find(new MemberListQuery("小明")));
    }

    [Fact]
    public async Task A_card_number_with_a_wrong_check_digit_is_called_out_instead_of_no_results()
    {
        await using var db = _db.Open();
        var card = db.Members.Single(m => m.Id == _ada).CardNumber;
        var mistyped = card[..^1] + (char)('0' + ((card[^1] - '0' + 1) % 10));

        var page = await _db.Get<MemberSearch>().ListAsync(new MemberListQuery(CardNumber.Format(mistyped)), TestUsers.Staff, CancellationToken.None);

        Assert.Empty(page.Rows);
        Assert.Equal(MessageCode.CardCheckDigitNotice, page.Notice?.Code);
    }

    [Fact]
    public async Task Filters_on_tier_status_joined_days_and_spend_combine()
    {
        await using (var db = _db.Open())
        {
            db.Members.Single(m => m.Id == _grace).TierId = TestTiers.Gold;
            db.Members.Single(m => m.Id == _linus).TierId = TestTiers.Gold;
            db.Members.Single(m => m.Id == _linus).Status = MemberStatus.Frozen;
            db.Members.Single(m => m.Id == _ada).JoinedAt = new DateTime(2025, 1, 10, 4, 30, 0, DateTimeKind.Utc); // Jan 9, 23:30 in New York
            await db.SaveChangesAsync();
        }

        Assert.Equal([_grace, _linus], await Find(new MemberListQuery(TierIds: [TestTiers.Gold])));
        Assert.Equal([_grace], await Find(new MemberListQuery(TierIds: [TestTiers.Gold], Statuses: [MemberStatus.Active])));
        Assert.Equal([_ada], await Find(new MemberListQuery(JoinedFrom: new DateOnly(2025, 1, 9), JoinedTo: new DateOnly(2025, 1, 9))));
        Assert.Empty(await Find(new MemberListQuery(JoinedFrom: new DateOnly(2025, 1, 10), JoinedTo: new DateOnly(2025, 1, 10))));
        Assert.Equal([_grace], await Find(new MemberListQuery(MinSpendMinor: 1500)));
        Assert.Equal([_ada, _linus], await Find(new MemberListQuery(MaxSpendMinor: 300)));
        Assert.Equal([_linus], await Find(new MemberListQuery(MinSpendMinor: 1, MaxSpendMinor: 300)));
    }

    [Theory]
    [InlineData(nameof(MemberRow.Name), false, new[] { "Ada Lovelace", "Grace Hopper", "Linus 100%" })]
    [InlineData(nameof(MemberRow.PurchaseCount), true, new[] { "Grace Hopper", "Linus 100%", "Ada Lovelace" })]
    [InlineData(nameof(MemberRow.LastPurchaseAt), true, new[] { "Grace Hopper", "Linus 100%", "Ada Lovelace" })]
    public async Task Each_sortable_column_sorts_in_the_query(string sortBy, bool descending, string[] names)
    {
        var page = await _db.Get<MemberSearch>().ListAsync(new MemberListQuery(SortBy: sortBy, Descending: descending), TestUsers.Staff, CancellationToken.None);

        Assert.Equal(names, page.Rows.Select(r => r.Name));
    }

    [Fact]
    public async Task Rows_carry_the_stored_value_and_points_and_sort_by_them_in_the_query()
    {
        var cards = _db.Get<CardValueService>();
        Assert.True((await cards.AdjustAsync(new CardAdjustment(_ada, 300, 200, 0, "Opening balance"), TestUsers.Manager, CancellationToken.None)).Succeeded);
        Assert.True((await cards.AdjustAsync(new CardAdjustment(_linus, 100, 0, 40, "Opening balance"), TestUsers.Manager, CancellationToken.None)).Succeeded);
        Assert.True((await cards.AdjustAsync(new CardAdjustment(_grace, 0, 0, 70, "Opening balance"), TestUsers.Manager, CancellationToken.None)).Succeeded);

        var byBalance = await _db.Get<MemberSearch>().ListAsync(new MemberListQuery(SortBy: nameof(MemberRow.StoredValueMinor), Descending: true), TestUsers.Staff, CancellationToken.None);
        var byPoints = await Find(new MemberListQuery(SortBy: nameof(MemberRow.Points)));

        Assert.Equal([(_ada, 500L, 0L), (_linus, 100L, 40L), (_grace, 0L, 70L)], byBalance.Rows.Select(r => (r.Id, r.StoredValueMinor, r.Points)));
        Assert.Equal([_ada, _linus, _grace], byPoints);
    }

    [Fact]
    public async Task The_balance_sort_reads_its_expression_index_instead_of_sorting_every_member()
    {
        Assert.Contains(await _db.IndexDefinitionsAsync(), d => d.Contains("IX_Members_StoredValue", StringComparison.Ordinal) && d.Contains("PrincipalMinor", StringComparison.Ordinal));
        if (_db.Provider == DatabaseProvider.PostgreSql)
        {
            return;
        }
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(_db.ConnectionString);
        await connection.OpenAsync();
        await using var explain = connection.CreateCommand();
        // The ORDER BY as EF Core writes it for MemberSearch's StoredValueMinor sort.
        explain.CommandText = """EXPLAIN QUERY PLAN SELECT "m"."Id" FROM "Members" AS "m" ORDER BY "m"."PrincipalMinor" + "m"."BonusMinor" DESC, "m"."Id" LIMIT 25""";
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(3));
            }
        }
        Assert.Contains(plan, p => p.Contains("INDEX IX_Members_StoredValue", StringComparison.Ordinal));
    }
}
