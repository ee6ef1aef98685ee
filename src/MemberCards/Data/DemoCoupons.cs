using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Auditing;
using MemberCards.Campaigns;
using MemberCards.Coupons;
using MemberCards.Members;
using MemberCards.Purchases;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Data;

/// <summary>
/// The demo shop's coupons, written at the end of the fill in its transaction: a 满减, a 折扣 with a cap, a 兑换 of a
/// product on the menu and a joining gift; the 满减 issued two weeks ago by marketing to a saved segment (the top 200
/// spenders of 90 days) with a 10% control group, its coupons expiring within the week ahead; and about 40% of them
/// redeemed since, each purchase quoted and posted as the till does, so the campaign results show real figures.
/// </summary>
internal static class DemoCoupons
{
    private const int CampaignDaysAgo = 14;
    private const int ControlPercent = 10;
    private const double RedeemedShare = 0.4;

    private static readonly ClaimsPrincipal Marketing = Demo("marketing@demo.test", Roles.Marketing);
    private static readonly ClaimsPrincipal Staff = Demo("staff@demo.test", Roles.Staff);

    public static async Task AddAsync(MemberCardsDb db, bool chinese, int seed, SegmentService segments, PurchaseService purchases, StoreClock clock, CancellationToken cancellationToken)
    {
        var products = await db.Products.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var freeProduct = products.Single(p => p.Name == (chinese ? "拿铁" : "Cappuccino"));
        var issuedAt = clock.UtcNow.AddDays(-CampaignDaysAgo);
        var templates = new List<CouponTemplate>();
        foreach (var input in Templates(chinese, freeProduct.Id))
        {
            var template = new CouponTemplate { Name = input.Name, CreatedAt = issuedAt.AddHours(-1), CreatedBy = Marketing.Identity!.Name!, Version = 1 };
            input.CopyTo(template);
            templates.Add(template);
        }
        db.CouponTemplates.AddRange(templates);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var template in templates)
        {
            AuditLog.Add(db, template.CreatedAt, template.CreatedBy, AuditActions.CouponTemplateSaved, nameof(CouponTemplate), template.Id, CouponTemplateInput.From(template));
        }
        var issueId = await IssueToSegmentAsync(db, templates[0], chinese, seed, issuedAt, segments, clock, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        await RedeemSomeAsync(db, issueId, templates[0].ThresholdMinor, products, seed, issuedAt, purchases, clock, cancellationToken);
    }

    // 满50减10 over ¥50 of a Chinese café's baskets; $5 off $25 in the English one, whose prices are a tenth.
    private static IEnumerable<CouponTemplateInput> Templates(bool chinese, int freeProductId) => chinese
        ?
        [
            new(0, 0, "满50减10", CouponKind.AmountOff, ThresholdMinor: 5_000, AmountOffMinor: 1_000, ValidDays: 20, PerMemberLimit: 1, TotalQuantity: 1_000),
            new(0, 0, "周末8折券", CouponKind.PercentOff, PercentOff: 20, CapMinor: 2_000, ValidDays: 30, Weekdays: WeekendBits, PerMemberLimit: 2),
            new(0, 0, "免费拿铁", CouponKind.FreeProduct, FreeProductId: freeProductId, ValidDays: 14, PerMemberLimit: 1),
            new(0, 0, "新会员代金券", CouponKind.Voucher, AmountOffMinor: 1_000, ValidDays: 30, PerMemberLimit: 1, Trigger: CouponTrigger.Joining),
        ]
        :
        [
            new(0, 0, "$5 off $25", CouponKind.AmountOff, ThresholdMinor: 2_500, AmountOffMinor: 500, ValidDays: 20, PerMemberLimit: 1, TotalQuantity: 1_000),
            new(0, 0, "Weekend 20% off", CouponKind.PercentOff, PercentOff: 20, CapMinor: 400, ValidDays: 30, Weekdays: WeekendBits, PerMemberLimit: 2),
            new(0, 0, "Free cappuccino", CouponKind.FreeProduct, FreeProductId: freeProductId, ValidDays: 14, PerMemberLimit: 1),
            new(0, 0, "Welcome voucher", CouponKind.Voucher, AmountOffMinor: 300, ValidDays: 30, PerMemberLimit: 1, Trigger: CouponTrigger.Joining),
        ];

    private const int WeekendBits = (1 << (int)DayOfWeek.Saturday) | (1 << (int)DayOfWeek.Sunday);

    private static async Task<int> IssueToSegmentAsync(MemberCardsDb db, CouponTemplate template, bool chinese, int seed, DateTime issuedAt, SegmentService segments, StoreClock clock,
        CancellationToken cancellationToken)
    {
        var criteria = new SegmentCriteria { PeriodDays = 90, Top = 200 };
        var by = Marketing.Identity!.Name!;
        var segment = new SavedSegment
        {
            Name = chinese ? "近90天消费前200名" : "Top 200 spenders, 90 days",
            CriteriaJson = SegmentCriteriaJson.Write(criteria),
            CriteriaVersion = SegmentCriteriaJson.CurrentVersion,
            CreatedBy = by,
            CreatedAt = issuedAt.AddMinutes(-10),
            UpdatedAt = issuedAt.AddMinutes(-10),
            Version = 1,
        };
        db.SavedSegments.Add(segment);
        await db.SaveChangesAsync(cancellationToken);
        var drawn = (await segments.OpenMemberIdsAsync(db, criteria, cancellationToken)).ToArray();
        new Random(seed + 3).Shuffle(drawn);
        var control = drawn[..((drawn.Length * ControlPercent + 50) / 100)];
        var issueDay = DateOnly.FromDateTime(clock.ToLocal(issuedAt));
        var (from, to) = template.ValidityFor(issueDay);
        var issue = new CouponIssue
        {
            TemplateId = template.Id,
            Source = CouponSource.Segment,
            SavedSegmentId = segment.Id,
            SegmentName = segment.Name,
            IssuedAt = issuedAt,
            IssuedBy = by,
            ControlPercent = ControlPercent,
            ControlMembers = control.Length,
            ValidFrom = from,
            ValidTo = to,
        };
        db.CouponIssues.Add(issue);
        await db.SaveChangesAsync(cancellationToken);
        var issued = await CouponIssuing.IssueAsync(db, template, issue.Id, drawn[control.Length..], issuedAt, issueDay, cancellationToken);
        if (!issued.Succeeded)
        {
            throw new InvalidOperationException($"Demo coupons were refused: {issued.Errors[0].Code}");
        }
        db.CouponControlMembers.AddRange(control.Select(m => new CouponControlMember { IssueId = issue.Id, MemberId = m }));
        AuditLog.Add(db, issuedAt, by, AuditActions.CouponsIssued, nameof(CouponIssue), issue.Id,
            new { TemplateId = template.Id, SegmentId = segment.Id, issued.Value!.Issued, Control = control.Length, issued.Value.AtLimit });
        return issue.Id;
    }

    /// <summary>Some holders spend their coupon since it was issued: a basket over the threshold, quoted with the code and posted.</summary>
    private static async Task RedeemSomeAsync(MemberCardsDb db, int issueId, long thresholdMinor, List<Products.Product> products, int seed, DateTime issuedAt,
        PurchaseService purchases, StoreClock clock, CancellationToken cancellationToken)
    {
        var random = new Random(seed + 4);
        var holders = await db.Coupons.Where(c => c.IssueId == issueId)
            .Join(db.Members.Where(m => m.Status == MemberStatus.Active), c => c.MemberId, m => m.Id, (c, m) => new { c.MemberId, c.Code })
            .OrderBy(c => c.MemberId).ToListAsync(cancellationToken);
        var span = clock.UtcNow - issuedAt;
        var redeeming = holders.Where(_ => random.NextDouble() < RedeemedShare)
            .Select(h => (h.MemberId, h.Code, At: issuedAt + (span * random.NextDouble())))
            .OrderBy(r => r.At).ToList();
        foreach (var (memberId, code, at) in redeeming)
        {
            var lines = new List<NewPurchaseLine>();
            // A margin over the threshold, so a member price still leaves the basket at it.
            for (long list = 0; list < thresholdMinor * 6 / 5;)
            {
                var product = products[random.Next(products.Count)];
                lines.Add(new NewPurchaseLine(product.Id, 1));
                list += product.UnitPriceMinor;
            }
            var posted = await purchases.PostInAsync(db, new NewPurchase(memberId, lines, CouponCodes: [code]), at, Staff, cancellationToken);
            if (!posted.Succeeded)
            {
                throw new InvalidOperationException($"A demo coupon purchase was refused: {posted.Errors[0].Code}");
            }
            db.ChangeTracker.Clear();
        }
    }

    private static ClaimsPrincipal Demo(string name, string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], authenticationType: "demo"));
}
