using MemberCards.Merging;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.Merging;

/// <summary>The duplicates page's pairs: same phone a country code apart, same email in another case, same name with a near phone.</summary>
public sealed class DuplicateFinderTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async ValueTask InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private Task<IReadOnlyList<DuplicatePair>> FindAsync() => _db.Get<DuplicateFinder>().FindAsync(TestUsers.Manager, CancellationToken.None);

    [Fact]
    public async Task Members_with_one_phone_written_with_and_without_its_country_code_are_a_pair()
    {
        var first = await _db.AddMemberAsync("张三", "+86 138 1234 5678");
        var second = await _db.AddMemberAsync("张小三", "138 1234 5678");
        await _db.AddMemberAsync("李四", "139 1234 5678");

        var pair = Assert.Single(await FindAsync());

        Assert.Equal((first, second, DuplicateReason.SamePhone), (pair.First.Id, pair.Second.Id, pair.Reason));
    }

    [Fact]
    public async Task Members_with_one_email_in_another_case_are_a_pair()
    {
        var first = await _db.AddMemberAsync("Ada Lovelace", email: "ada@example.com");
        var second = await _db.AddMemberAsync("Augusta King", email: "augusta@example.com");
        await using (var db = _db.Open())
        {
            // An import from an old system keeps the case it was typed in.
            await db.Members.Where(m => m.Id == second).ExecuteUpdateAsync(set => set.SetProperty(m => m.Email, "Ada@Example.com"));
        }

        var pair = Assert.Single(await FindAsync());

        Assert.Equal((first, second, DuplicateReason.SameEmail), (pair.First.Id, pair.Second.Id, pair.Reason));
    }

    [Fact]
    public async Task Members_of_one_name_with_a_phone_one_digit_apart_are_a_pair_and_other_namesakes_are_not()
    {
        var first = await _db.AddMemberAsync("Grace Hopper", "555 123 4567");
        var second = await _db.AddMemberAsync("grace hopper", "555 123 4577");
        await _db.AddMemberAsync("Grace Hopper", "555 987 6543");
        await _db.AddMemberAsync("Grace Kelly", "555 123 4568");

        var pair = Assert.Single(await FindAsync());

        Assert.Equal((first, second, DuplicateReason.SameNameSimilarPhone), (pair.First.Id, pair.Second.Id, pair.Reason));
    }

    [Fact]
    public async Task A_pair_merged_and_then_unmerged_is_not_listed_again_and_a_merged_pair_is_gone()
    {
        var shop = await MergeScenario.CreateAsync(_db);
        var first = await _db.AddMemberAsync("Grace Hopper", "555 123 4567");
        var second = await _db.AddMemberAsync("Grace Hopper", "555 123 4577");
        var merge = await shop.MergeAsync(first, second);
        Assert.Empty(await FindAsync());

        await shop.UnmergeAsync(merge);

        Assert.Empty(await FindAsync());
    }
}
