using System.Globalization;
using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Auditing;
using MemberCards.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.CardValue;

/// <summary>What a manager enters for a top-up rule; <paramref name="Id"/> 0 for a new one, <paramref name="Version"/> as read.</summary>
/// <param name="GiftCouponTemplateId">A coupon template given with each top-up meeting the rule (充500送券), or null.</param>
public sealed record TopUpRuleInput(int Id, long ThresholdMinor, long BonusMinor, int BonusPercent, long BonusPoints, DateOnly? ActiveFrom, DateOnly? ActiveTo, bool IsActive,
    int Version = 0, int? GiftCouponTemplateId = null);

/// <summary>The card's rules managers set: top-up bonuses (充500送80) and the one points rule. Everyone at the till reads them.</summary>
public sealed class CardRulesService(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock)
{
    public async Task<IReadOnlyList<TopUpRule>> TopUpRulesAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.RequireSignedIn(user);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.TopUpRules.AsNoTracking().OrderBy(r => r.ThresholdMinor).ThenBy(r => r.Id).ToListAsync(cancellationToken);
    }

    /// <summary>The rule in force, or null when the store has none (no points earned or redeemed).</summary>
    public async Task<PointsRule?> PointsRuleAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.RequireSignedIn(user);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.PointsRules.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<Result<TopUpRule>> SaveTopUpRuleAsync(TopUpRuleInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var by = Access.Require(user, Roles.Manager);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var others = await db.TopUpRules.AsNoTracking().Where(r => r.Id != input.Id && r.IsActive).ToListAsync(cancellationToken);
        var refusals = TopUpRuleRefusals(input, others).ToList();
        if (refusals.Count > 0)
        {
            return Result<TopUpRule>.Refused(refusals);
        }
        var rule = input.Id == 0 ? db.TopUpRules.Add(new TopUpRule()).Entity : await db.TopUpRules.SingleOrDefaultAsync(r => r.Id == input.Id, cancellationToken);
        if (rule is null)
        {
            return Result<TopUpRule>.Refused("", MessageCode.RuleNotFound);
        }
        if (input.Id != 0 && rule.Version != input.Version)
        {
            return Result<TopUpRule>.Refused("", MessageCode.RuleChangedByOther);
        }
        if (input.GiftCouponTemplateId is { } gift && !await db.CouponTemplates.AnyAsync(t => t.Id == gift && t.ArchivedAt == null, cancellationToken))
        {
            return Result<TopUpRule>.Refused(nameof(input.GiftCouponTemplateId), MessageCode.CouponTemplateNotFound);
        }
        (rule.ThresholdMinor, rule.BonusMinor, rule.BonusPercent, rule.BonusPoints) = (input.ThresholdMinor, input.BonusMinor, input.BonusPercent, input.BonusPoints);
        (rule.ActiveFrom, rule.ActiveTo, rule.IsActive, rule.GiftCouponTemplateId) = (input.ActiveFrom, input.ActiveTo, input.IsActive, input.GiftCouponTemplateId);
        rule.Version++;
        await db.SaveChangesAsync(cancellationToken);
        AuditLog.Add(db, clock.UtcNow, by, AuditActions.TopUpRuleSaved, nameof(TopUpRule), rule.Id, input);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<TopUpRule>.Ok(rule);
    }

    /// <summary>Replaces the store's points rule (there is one); <see cref="PointsRule.Version"/> as read guards against two managers at once.</summary>
    public async Task<Result<PointsRule>> SavePointsRuleAsync(PointsRule input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var by = Access.Require(user, Roles.Manager);
        var refusals = PointsRuleRefusals(input).ToList();
        if (refusals.Count > 0)
        {
            return Result<PointsRule>.Refused(refusals);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rule = await db.PointsRules.FirstOrDefaultAsync(cancellationToken);
        if (rule is not null && rule.Version != input.Version)
        {
            return Result<PointsRule>.Refused("", MessageCode.RuleChangedByOther);
        }
        rule ??= db.PointsRules.Add(new PointsRule()).Entity;
        rule.EarnPointsPerYuan = input.EarnPointsPerYuan;
        rule.RedeemPointsPerYuan = input.RedeemPointsPerYuan;
        rule.RedeemMinimumPoints = input.RedeemMinimumPoints;
        rule.RedeemCapMinor = input.RedeemCapMinor;
        rule.RedeemCapPercent = input.RedeemCapPercent;
        rule.Expiry = input.Expiry;
        rule.ExpiryMonths = input.ExpiryMonths;
        rule.ExcludedCategories = [.. input.ExcludedCategories.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct()];
        rule.Version++;
        await db.SaveChangesAsync(cancellationToken);
        AuditLog.Add(db, clock.UtcNow, by, AuditActions.PointsRuleSaved, nameof(PointsRule), rule.Id, new
        {
            rule.EarnPointsPerYuan,
            rule.RedeemPointsPerYuan,
            rule.RedeemMinimumPoints,
            rule.RedeemCapMinor,
            rule.RedeemCapPercent,
            Expiry = rule.Expiry.ToString(),
            rule.ExpiryMonths,
            rule.ExcludedCategories,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<PointsRule>.Ok(rule);
    }

    /// <summary>A rule's limits, and that no other active rule has the same threshold on any of its days (one bonus per top-up, no stacking).</summary>
    public static IEnumerable<FieldError> TopUpRuleRefusals(TopUpRuleInput input, IEnumerable<TopUpRule> others)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.ThresholdMinor <= 0)
        {
            yield return new FieldError(nameof(input.ThresholdMinor), MessageCode.RuleThresholdNotPositive);
        }
        if (input.BonusMinor > 0 && input.BonusPercent > 0)
        {
            yield return new FieldError(nameof(input.BonusPercent), MessageCode.RuleBonusBothKinds);
        }
        if (input.BonusPercent is < 0 or > 100)
        {
            yield return new FieldError(nameof(input.BonusPercent), MessageCode.RuleBonusPercentOutOfRange);
        }
        if (input.BonusMinor < 0 || (input.ThresholdMinor > 0 && input.BonusMinor > input.ThresholdMinor))
        {
            yield return new FieldError(nameof(input.BonusMinor), MessageCode.RuleBonusOverAmount);
        }
        if (input.BonusPoints < 0)
        {
            yield return new FieldError(nameof(input.BonusPoints), MessageCode.NotNegative);
        }
        if (input.ActiveFrom > input.ActiveTo)
        {
            yield return new FieldError(nameof(input.ActiveTo), MessageCode.RuleDatesReversed);
        }
        if (input.IsActive && others.FirstOrDefault(o => o.IsActive && o.ThresholdMinor == input.ThresholdMinor && Overlap(o, input)) is { } clash)
        {
            yield return new FieldError(nameof(input.ThresholdMinor), MessageCode.RuleThresholdOverlaps, clash.Id);
        }
    }

    public static IEnumerable<FieldError> PointsRuleRefusals(PointsRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        foreach (var (field, value, max) in new (string, long, long)[]
        {
            (nameof(rule.EarnPointsPerYuan), rule.EarnPointsPerYuan, 1_000),
            (nameof(rule.RedeemPointsPerYuan), rule.RedeemPointsPerYuan, 100_000),
            (nameof(rule.RedeemMinimumPoints), rule.RedeemMinimumPoints, 10_000_000),
            (nameof(rule.RedeemCapMinor), rule.RedeemCapMinor, 100_000_000),
            (nameof(rule.RedeemCapPercent), rule.RedeemCapPercent, 100),
            (nameof(rule.ExpiryMonths), rule.ExpiryMonths, 120),
        })
        {
            if (value < 0 || value > max)
            {
                yield return new FieldError(field, MessageCode.ValueOutOfRange, 0, max.ToString("N0", CultureInfo.InvariantCulture));
            }
        }
        if (rule.Expiry == PointsExpiryPolicy.MonthsAfterEarning && rule.ExpiryMonths < 1)
        {
            yield return new FieldError(nameof(rule.ExpiryMonths), MessageCode.ValueOutOfRange, 1, 120);
        }
    }

    private static bool Overlap(TopUpRule other, TopUpRuleInput input) =>
        (other.ActiveFrom is null || input.ActiveTo is null || other.ActiveFrom <= input.ActiveTo)
        && (input.ActiveFrom is null || other.ActiveTo is null || input.ActiveFrom <= other.ActiveTo);
}
