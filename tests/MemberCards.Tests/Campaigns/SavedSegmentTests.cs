using MemberCards.Auditing;
using MemberCards.Campaigns;
using MemberCards.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.Campaigns;

public sealed class SavedSegmentTests : IAsyncLifetime
{
    private static readonly SegmentCriteria TopOptedIn = new()
    {
        PeriodDays = 90,
        Top = 50,
        OptedInOnly = true,
        TierIds = [TestTiers.Gold, TestTiers.Platinum],
        Statuses = [MemberStatus.Active],
        MinSpendMinor = 1000,
        Category = "Bakery",
        Rfm = RfmSegment.Champions,
    };

    private TestDatabase _db = null!;
    private SavedSegmentService Saved => _db.Get<SavedSegmentService>();

    public async ValueTask InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    private async Task<OpenedSegment> CreateAsync(string name, SegmentCriteria? criteria = null)
    {
        var result = await Saved.CreateAsync(name, criteria ?? TopOptedIn, TestUsers.Marketing, CancellationToken.None);
        Assert.True(result.Succeeded);
        return result.Value!;
    }

    [Fact]
    public async Task Saved_criteria_open_again_as_they_were()
    {
        var created = await CreateAsync("  Best customers  ");

        var list = await Saved.ListAsync(TestUsers.Manager, CancellationToken.None);
        Assert.Equal([("Best customers", "marketing@test")], list.Select(s => (s.Name, s.CreatedBy)));
        var opened = await Saved.OpenAsync(created.Id, TestUsers.Marketing, CancellationToken.None);
        Assert.Equal(TopOptedIn, opened.Value!.Criteria);
        var fixedPeriod = await CreateAsync("February", new SegmentCriteria { From = new DateOnly(2026, 2, 1), To = new DateOnly(2026, 2, 28), LapsedDays = 14 });
        Assert.Equal(new DateOnly(2026, 2, 28), (await Saved.OpenAsync(fixedPeriod.Id, TestUsers.Marketing, CancellationToken.None)).Value!.Criteria.To);
    }

    [Fact]
    public async Task A_version_1_document_written_by_an_earlier_release_still_opens()
    {
        const string Stored = """
            {"periodDays":90,"minSpendMinor":1000,"tiers":["Gold","Platinum"],"statuses":["Active"],"category":"Bakery","optedInOnly":true,"rfm":"Champions","top":50}
            """;
        await using (var context = _db.Open())
        {
            context.SavedSegments.Add(new SavedSegment { Name = "From 2026", CriteriaJson = Stored, CriteriaVersion = 1, CreatedBy = "someone", CreatedAt = TestDatabase.DefaultNow, UpdatedAt = TestDatabase.DefaultNow });
            await context.SaveChangesAsync();
        }
        var id = (await Saved.ListAsync(TestUsers.Marketing, CancellationToken.None)).Single().Id;

        var opened = await Saved.OpenAsync(id, TestUsers.Marketing, CancellationToken.None);

        // Version 1 named the four fixed tiers; they are the preset tiers 3 and 4 now.
        Assert.Equal(TopOptedIn, opened.Value!.Criteria);
        Assert.Equal(2, SegmentCriteriaJson.CurrentVersion);
        Assert.Equal(Stored.Trim().Replace("\"tiers\":[\"Gold\",\"Platinum\"]", "\"tierIds\":[3,4]", StringComparison.Ordinal), SegmentCriteriaJson.Write(TopOptedIn));
    }

    [Fact]
    public async Task A_document_from_an_unknown_version_is_refused_with_a_message()
    {
        await using (var context = _db.Open())
        {
            context.SavedSegments.Add(new SavedSegment { Name = "Future", CriteriaJson = "{}", CriteriaVersion = 99, CreatedBy = "someone" });
            await context.SaveChangesAsync();
        }
        var id = (await Saved.ListAsync(TestUsers.Marketing, CancellationToken.None)).Single().Id;
        var opened = await Saved.OpenAsync(id, TestUsers.Marketing, CancellationToken.None);
        Assert.Equal((MessageCode.SegmentUnreadable, 99), (opened.Errors.Single().Code, opened.Errors.Single().Args[1]));
    }

    [Theory]
    [InlineData("", MessageCode.SegmentNameRequired)]
    [InlineData("   ", MessageCode.SegmentNameRequired)]
    [InlineData("best CUSTOMERS", MessageCode.SegmentNameTaken)]
    public async Task Names_are_required_and_unique_without_regard_to_case(string name, MessageCode message)
    {
        await CreateAsync("Best customers");
        var refused = await Saved.CreateAsync(name, TopOptedIn, TestUsers.Marketing, CancellationToken.None);
        Assert.Equal([new FieldError("Name", message)], refused.Errors);
        Assert.Single(await Saved.ListAsync(TestUsers.Marketing, CancellationToken.None));
        Assert.Contains((await Saved.CreateAsync(new string('x', 101), TopOptedIn, TestUsers.Marketing, CancellationToken.None)).Errors, e => e.Field == "Name");
    }

    [Fact]
    public async Task Rename_duplicate_and_delete()
    {
        var first = await CreateAsync("Best customers");
        await CreateAsync("Lapsed");

        var renamed = await Saved.RenameAsync(first.Id, first.Version, "VIP", TestUsers.Marketing, CancellationToken.None);
        Assert.Equal("VIP", renamed.Value!.Name);
        Assert.Equal(["Name"], (await Saved.RenameAsync(first.Id, renamed.Value.Version, "lapsed", TestUsers.Marketing, CancellationToken.None)).Errors.Select(e => e.Field));
        var copy = await Saved.DuplicateAsync(first.Id, "VIP copy", TestUsers.Marketing, CancellationToken.None);
        Assert.Equal(TopOptedIn, copy.Value!.Criteria);
        Assert.True((await Saved.DeleteAsync(first.Id, renamed.Value.Version, TestUsers.Marketing, CancellationToken.None)).Succeeded);

        Assert.Equal(["Lapsed", "VIP copy"], (await Saved.ListAsync(TestUsers.Marketing, CancellationToken.None)).Select(s => s.Name));
        await using var context = _db.Open();
        Assert.Equal([AuditActions.SegmentSaved, AuditActions.SegmentSaved, AuditActions.SegmentRenamed, AuditActions.SegmentSaved, AuditActions.SegmentDeleted],
            await context.AuditEntries.Where(e => e.EntityType == nameof(SavedSegment)).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
    }

    [Fact]
    public async Task A_change_from_a_stale_copy_is_refused_and_leaves_the_segment_as_it_was()
    {
        var opened = await CreateAsync("Best customers");
        var updated = await Saved.UpdateAsync(opened.Id, opened.Version, TopOptedIn with { Top = 10 }, TestUsers.Manager, CancellationToken.None);
        Assert.True(updated.Succeeded);

        Assert.False((await Saved.UpdateAsync(opened.Id, opened.Version, TopOptedIn with { Top = 99 }, TestUsers.Marketing, CancellationToken.None)).Succeeded);
        Assert.False((await Saved.RenameAsync(opened.Id, opened.Version, "Other", TestUsers.Marketing, CancellationToken.None)).Succeeded);
        Assert.False((await Saved.DeleteAsync(opened.Id, opened.Version, TestUsers.Marketing, CancellationToken.None)).Succeeded);

        var now = (await Saved.OpenAsync(opened.Id, TestUsers.Marketing, CancellationToken.None)).Value!;
        Assert.Equal(("Best customers", 10), (now.Name, now.Criteria.Top));
        Assert.Equal(updated.Value!.Version, now.Version);
    }
}
