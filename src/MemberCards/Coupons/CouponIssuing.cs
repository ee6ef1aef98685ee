using MemberCards.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MemberCards.Coupons;

/// <summary>What an issue handed out: coupons issued, and members skipped because they already hold the most allowed.</summary>
public sealed record IssuedCoupons(int Issued, int AtLimit);

/// <summary>
/// Writes coupons of one template inside the caller's transaction, for every way they are handed out (one member,
/// a segment, joining, reaching a tier). The template's row is locked first, so of two issues at once the second
/// counts what the first issued: the total quantity and the per-member limit hold under concurrency. Rows go in
/// bulk with ids taken up front (their codes are made from them), so 50,000 coupons are one short transaction.
/// </summary>
internal static class CouponIssuing
{
    private static readonly IReadOnlyList<string> Columns =
        ["Id", "Code", "TemplateId", "IssueId", "MemberId", "State", "ValidFrom", "ValidTo", "IssuedAt", "DiscountMinor", "TopUpId"];

    /// <summary>Locks and reads the template to issue, refused when it is gone, archived or past its last valid day.</summary>
    public static async Task<Result<CouponTemplate>> LockTemplateAsync(MemberCardsDb db, int templateId, DateOnly today, CancellationToken cancellationToken)
    {
        await SqlDialect.Of(db.Database).LockRowAsync(db.Database, "CouponTemplates", templateId, cancellationToken);
        var template = await db.CouponTemplates.AsNoTracking().Include(t => t.FreeProduct).SingleOrDefaultAsync(t => t.Id == templateId, cancellationToken);
        if (template is null)
        {
            return Result<CouponTemplate>.Refused("", MessageCode.CouponTemplateNotFound);
        }
        if (template.ArchivedAt is not null)
        {
            return Result<CouponTemplate>.Refused("", MessageCode.CouponTemplateArchived);
        }
        return template.ValidTo is { } last && last < today
            ? Result<CouponTemplate>.Refused("", MessageCode.CouponTemplateEnded, last)
            : Result<CouponTemplate>.Ok(template);
    }

    /// <summary>The members of <paramref name="memberIds"/> who may still be issued one more of the template (its per-member limit).</summary>
    public static async Task<IReadOnlyList<int>> UnderLimitAsync(MemberCardsDb db, CouponTemplate template, IReadOnlyList<int> memberIds, CancellationToken cancellationToken)
    {
        if (template.PerMemberLimit is not { } limit)
        {
            return memberIds;
        }
        var templateId = template.Id;
        var atLimit = (await db.Coupons.Where(c => c.TemplateId == templateId).GroupBy(c => c.MemberId)
            .Where(g => g.Count() >= limit).Select(g => g.Key).ToListAsync(cancellationToken)).ToHashSet();
        return [.. memberIds.Where(m => !atLimit.Contains(m))];
    }

    /// <summary>How many more of the template may be issued (null: no total).</summary>
    public static int? Left(CouponTemplate template) => template.TotalQuantity - template.IssuedCount;

    /// <summary>
    /// Issues one coupon of the locked <paramref name="template"/> to each member under its limit, as part of
    /// <paramref name="issueId"/>; refused, writing nothing, when that would pass the template's total quantity.
    /// </summary>
    /// <param name="topUpId">The top-up whose rule gives the coupon, if that is why it is issued.</param>
    public static async Task<Result<IssuedCoupons>> IssueAsync(MemberCardsDb db, CouponTemplate template, int issueId, IReadOnlyList<int> memberIds,
        DateTime now, DateOnly today, CancellationToken cancellationToken, int? topUpId = null)
    {
        // In member order, so the rows land beside each other in the per-member indexes.
        var receivers = await UnderLimitAsync(db, template, [.. memberIds.Distinct().Order()], cancellationToken);
        var atLimit = memberIds.Distinct().Count() - receivers.Count;
        if (Left(template) is { } left && receivers.Count > left)
        {
            return Result<IssuedCoupons>.Refused("", MessageCode.CouponQuantityExceeded, left, receivers.Count);
        }
        if (receivers.Count > 0)
        {
            await WriteAsync(db, template, issueId, receivers, now, today, topUpId, cancellationToken);
        }
        return Result<IssuedCoupons>.Ok(new IssuedCoupons(receivers.Count, atLimit));
    }

    /// <summary>The template's standing issue for coupons handed out one at a time from <paramref name="source"/>, created on first use.</summary>
    public static async Task<int> StandingIssueAsync(MemberCardsDb db, int templateId, CouponSource source, DateTime now, string by, CancellationToken cancellationToken)
    {
        var id = await db.CouponIssues.Where(i => i.TemplateId == templateId && i.Source == source && i.SavedSegmentId == null)
            .OrderBy(i => i.Id).Select(i => (int?)i.Id).FirstOrDefaultAsync(cancellationToken);
        if (id is { } existing)
        {
            return existing;
        }
        var issue = new CouponIssue { TemplateId = templateId, Source = source, IssuedAt = now, IssuedBy = by };
        db.CouponIssues.Add(issue);
        await db.SaveChangesAsync(cancellationToken);
        return issue.Id;
    }

    private static async Task WriteAsync(MemberCardsDb db, CouponTemplate template, int issueId, IReadOnlyList<int> receivers, DateTime now, DateOnly today,
        int? topUpId, CancellationToken cancellationToken)
    {
        var dialect = SqlDialect.Of(db.Database);
        var ids = await CouponSql.TakeIdsAsync(db, "Coupons", receivers.Count, cancellationToken);
        var (from, to) = template.ValidityFor(today);
        var issuedAt = UnixMilliseconds.From(now);
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Issue coupons inside a transaction: the rows and the template's count must commit together.");
        using (var rows = dialect.BulkRows(db.Database.GetDbConnection(), transaction, "Coupons", Columns))
        {
            for (var i = 0; i < receivers.Count; i++)
            {
                // Coupons.Id is an int column: PostgreSQL's binary COPY refuses a bigint for it.
                rows.Add(checked((int)ids[i]), CouponCode.For(ids[i]), template.Id, issueId, receivers[i], nameof(CouponState.Issued), from, to, issuedAt, 0L, topUpId);
            }
            rows.Flush();
        }
        for (var i = 0; i < receivers.Count; i++)
        {
            Webhooks.WebhookOutbox.Add(db, Webhooks.WebhookEventNames.CouponIssued, now, receivers[i],
                new { CouponId = ids[i], Code = CouponCode.For(ids[i]), TemplateId = template.Id, IssueId = issueId, ValidFrom = from, ValidTo = to, TopUpId = topUpId });
        }
        await db.SaveChangesAsync(cancellationToken);
        var count = receivers.Count;
        await db.CouponTemplates.Where(t => t.Id == template.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.IssuedCount, t => t.IssuedCount + count), cancellationToken);
        await db.CouponIssues.Where(i => i.Id == issueId)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.Issued, i => i.Issued + count), cancellationToken);
    }
}
