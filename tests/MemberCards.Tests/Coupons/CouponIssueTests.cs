using MemberCards.Coupons;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.Coupons;

/// <summary>Issuing to a member and to a segment: a control group held back, the total and the per-member limit holding under concurrency.</summary>
public sealed class CouponIssueTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private CouponScenario _shop = null!;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider: TestProvider.Current);
        _shop = await CouponScenario.CreateAsync(_db);
    }

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    private CouponIssueService Issues => _db.Get<CouponIssueService>();

    [Fact]
    public async Task A_segment_issue_holds_back_a_random_control_group_and_gives_everyone_else_one_coupon_with_a_valid_code()
    {
        var buyers = await _shop.BuyersAsync(40);
        var segment = await _shop.SegmentOfBuyersAsync();
        var template = await _shop.AmountOffAsync(5_000, 1_000);

        var preview = await Issues.PreviewSegmentAsync(template.Id, segment, 10, TestUsers.Marketing, CancellationToken.None);
        var issued = await Issues.IssueToSegmentAsync(template.Id, segment, 10, TestUsers.Marketing, CancellationToken.None);

        Assert.Equal(new SegmentIssuePreview(40, 4, 36, 0, null, 36_000), preview.Value);
        Assert.Equal((36, 4, 0), (issued.Value!.Issued, issued.Value.Control, issued.Value.AtLimit));
        await using var context = _db.Open();
        var coupons = await context.Coupons.Where(c => c.IssueId == issued.Value.IssueId).ToListAsync();
        var control = await context.CouponControlMembers.Where(c => c.IssueId == issued.Value.IssueId).Select(c => c.MemberId).ToListAsync();
        Assert.Equal(buyers.Order(), coupons.Select(c => c.MemberId).Concat(control).Order());
        Assert.All(coupons, c => Assert.True(CouponCode.HasValidCheckDigit(c.Code)));
        Assert.Equal(36, coupons.Select(c => c.Code).Distinct().Count());
        Assert.All(coupons, c => Assert.Equal((CouponState.Issued, _shop.Today, _shop.Today.AddDays(29)), (c.State, c.ValidFrom, c.ValidTo)));
        Assert.Equal(36, (await context.CouponTemplates.SingleAsync(t => t.Id == template.Id)).IssuedCount);
    }

    [Fact]
    public async Task An_issue_that_would_pass_the_total_is_refused_whole_and_members_at_their_limit_are_skipped()
    {
        await _shop.BuyersAsync(5);
        var segment = await _shop.SegmentOfBuyersAsync();
        var limited = await _shop.TemplateAsync(new CouponTemplateInput(0, 0, "限量", CouponKind.Voucher, AmountOffMinor: 500, TotalQuantity: 7, PerMemberLimit: 1));

        Assert.Equal(5, (await Issues.IssueToSegmentAsync(limited.Id, segment, 0, TestUsers.Marketing, CancellationToken.None)).Value!.Issued);
        var again = await Issues.IssueToSegmentAsync(limited.Id, segment, 0, TestUsers.Marketing, CancellationToken.None);
        Assert.Equal((0, 5), (again.Value!.Issued, again.Value.AtLimit));

        var newcomers = await _shop.BuyersAsync(3);
        var third = await Issues.IssueToSegmentAsync(limited.Id, segment, 0, TestUsers.Marketing, CancellationToken.None);
        Assert.Equal(new FieldError("", MessageCode.CouponQuantityExceeded, 2, 3), Assert.Single(third.Errors));
        var one = await Issues.IssueToMemberAsync(limited.Id, newcomers[0], TestUsers.Staff, CancellationToken.None);
        Assert.True(one.Succeeded);
        Assert.Equal(MessageCode.CouponMemberAtLimit, Assert.Single((await Issues.IssueToMemberAsync(limited.Id, newcomers[0], TestUsers.Staff, CancellationToken.None)).Errors).Code);
        await using var context = _db.Open();
        Assert.Equal(6, await context.Coupons.CountAsync(c => c.TemplateId == limited.Id));
    }

    [Fact]
    public async Task Two_segment_issues_at_once_never_pass_the_total_quantity()
    {
        await _shop.BuyersAsync(6);
        var segment = await _shop.SegmentOfBuyersAsync();
        var template = await _shop.TemplateAsync(new CouponTemplateInput(0, 0, "十张", CouponKind.Voucher, AmountOffMinor: 500, TotalQuantity: 10));

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
            Issues.IssueToSegmentAsync(template.Id, segment, 0, TestUsers.Marketing, CancellationToken.None))));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(MessageCode.CouponQuantityExceeded, Assert.Single(r.Errors).Code));
        await using var context = _db.Open();
        Assert.Equal((6, 6), (await context.Coupons.CountAsync(c => c.TemplateId == template.Id), (await context.CouponTemplates.SingleAsync(t => t.Id == template.Id)).IssuedCount));
    }

    [Fact]
    public async Task Four_staff_giving_one_member_a_once_per_member_coupon_at_once_give_one()
    {
        var ada = await _db.AddMemberAsync();
        var once = await _shop.TemplateAsync(new CouponTemplateInput(0, 0, "每人一张", CouponKind.Voucher, AmountOffMinor: 500, PerMemberLimit: 1));

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Issues.IssueToMemberAsync(once.Id, ada, TestUsers.Staff, CancellationToken.None))));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(new FieldError("", MessageCode.CouponMemberAtLimit, 1), Assert.Single(r.Errors)));
        await using var context = _db.Open();
        Assert.Equal(1, await context.Coupons.CountAsync(c => c.MemberId == ada));
    }

    [Fact]
    public async Task An_empty_segment_an_archived_template_and_a_control_group_over_half_are_refused()
    {
        var template = await _shop.AmountOffAsync(5_000, 1_000);
        var empty = await _shop.SegmentOfBuyersAsync("Nobody yet");

        Assert.Equal(MessageCode.CouponSegmentEmpty, Assert.Single((await Issues.IssueToSegmentAsync(template.Id, empty, 10, TestUsers.Marketing, CancellationToken.None)).Errors).Code);
        Assert.Equal(MessageCode.CouponControlPercentOutOfRange, Assert.Single((await Issues.PreviewSegmentAsync(template.Id, empty, 60, TestUsers.Marketing, CancellationToken.None)).Errors).Code);
        Assert.True((await _db.Get<CouponTemplateService>().ArchiveAsync(template.Id, template.Version, TestUsers.Manager, CancellationToken.None)).Succeeded);
        var ada = await _db.AddMemberAsync();
        Assert.Equal(MessageCode.CouponTemplateArchived, Assert.Single((await Issues.IssueToMemberAsync(template.Id, ada, TestUsers.Staff, CancellationToken.None)).Errors).Code);
        await Assert.ThrowsAsync<MemberCards.Accounts.AccessDeniedException>(() => Issues.IssueToSegmentAsync(template.Id, empty, 0, TestUsers.Staff, CancellationToken.None));
    }

    [Fact]
    public async Task A_joining_gift_is_issued_with_the_new_membership_and_the_expiry_job_expires_what_lapsed_once()
    {
        var welcome = await _shop.TemplateAsync(new CouponTemplateInput(0, 0, "入会礼", CouponKind.Voucher, AmountOffMinor: 800, ValidDays: 7, Trigger: CouponTrigger.Joining));

        var ada = await _db.AddMemberAsync();

        await using (var context = _db.Open())
        {
            var gift = await context.Coupons.SingleAsync(c => c.MemberId == ada);
            Assert.Equal((welcome.Id, CouponState.Issued, _shop.Today.AddDays(6)), (gift.TemplateId, gift.State, gift.ValidTo));
        }
        var expiry = _db.Get<CouponExpiry>();
        _db.Clock.UtcNow = _db.Clock.UtcNow.AddDays(6);
        Assert.Equal(1, (await expiry.ExpiringSoonAsync(TestUsers.Marketing, CancellationToken.None)).Single().Coupons);
        Assert.Equal(0, (await expiry.RunAsync(TestUsers.Manager, CancellationToken.None)).Expired);
        _db.Clock.UtcNow = _db.Clock.UtcNow.AddDays(1);
        Assert.Equal(1, (await expiry.RunAsync(TestUsers.Manager, CancellationToken.None)).Expired);
        Assert.Equal(0, (await expiry.RunAsync(TestUsers.Manager, CancellationToken.None)).Expired);
        await using var after = _db.Open();
        Assert.Equal(CouponState.Expired, (await after.Coupons.SingleAsync(c => c.MemberId == ada)).State);
    }
}
