using MemberCards.Auditing;
using MemberCards.Data;
using MemberCards.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.Members;

/// <summary>Two people at two tills doing the same thing at the same moment: one wins, the other gets the field message.</summary>
public sealed class ConcurrentMemberWriteTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async ValueTask InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task Two_new_members_with_the_same_phone_at_once_make_one_member_and_one_field_message()
    {
        var members = _db.Get<MemberService>();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() =>
            members.CreateAsync(new NewMember($"Till {i}", $"till{i}@example.com", "555 123 4567"), TestUsers.Staff, CancellationToken.None))));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(
            new FieldError(nameof(NewMember.Phone), MessageCode.PhoneTaken), Assert.Single(r.Errors)));
        await using var db = _db.Open();
        Assert.Equal(1, await db.Members.CountAsync());
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.MemberCreated));
    }

    [Fact]
    public async Task A_save_whose_row_changed_after_it_was_read_is_refused_not_thrown()
    {
        var id = await _db.AddMemberAsync("Ada Lovelace");
        await using var first = _db.Open();
        await using var second = _db.Open();
        var mine = await first.Members.SingleAsync(m => m.Id == id);
        var theirs = await second.Members.SingleAsync(m => m.Id == id);

        theirs.Name = "Ada King";
        theirs.Version++;
        Assert.True(await second.TrySaveChangesAsync(CancellationToken.None));
        mine.Name = "Ada Byron";
        mine.Version++;
        Assert.False(await first.TrySaveChangesAsync(CancellationToken.None));

        await using var check = _db.Open();
        Assert.Equal("Ada King", (await check.Members.SingleAsync(m => m.Id == id)).Name);
    }
}
