using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.CardValue;
using MemberCards.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tiers;

/// <summary>
/// Where a member stands and what they need, in the same measures the review uses: the tier held and until when,
/// what is left to keep it by then (the measure as of the kept-until date, counting what is already bought), and
/// what is left to reach the next tier now. A single-top-up tier says the top-up it takes.
/// </summary>
public sealed record TierOutlook(TierName Held, DateOnly? KeptUntil, TierMeasure HeldMeasure, long ToKeepMinor,
    TierName? Next, TierMeasure? NextMeasure, long ToNextMinor, DateOnly? FloorUntil);

/// <summary>One entry of a member's tier history, with the tiers' names.</summary>
public sealed record TierHistoryRow(DateTime At, TierChangeKind Kind, TierName? From, TierName To, long MeasureMinor, DateOnly? KeptUntil, int? PurchaseId, int? TopUpId, string By, string? Reason);

/// <summary>A member's tier: the outlook and history the member page and the till show, and a manager's tier by hand.</summary>
public sealed class MemberTierService(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock)
{
    public const string TierField = "TierId";
    public const string UntilField = "Until";

    public async Task<TierOutlook?> OutlookAsync(int memberId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.RequireSignedIn(user);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Members.AnyAsync(m => m.Id == memberId, cancellationToken))
        {
            return null;
        }
        var ladder = await TierEvaluation.LadderAsync(db, cancellationToken);
        var standing = await TierEvaluation.StandingAsync(db, memberId, cancellationToken);
        var today = clock.Today;
        var held = ladder[standing.TierId];
        // The measure as of the kept-until date (counting what is already bought) and as of today, in one read.
        var keepDay = standing.KeptUntil is { } keptUntil && keptUntil > today ? keptUntil : today;
        var (asOfKeptUntil, asOfToday) = await TierMeasuring.OfMemberAsync(db, clock, memberId, keepDay, today, cancellationToken);
        var toKeep = standing.KeptUntil is not null && held.Rank > 0 ? Shortfall(held, asOfKeptUntil) : 0;
        var next = ladder.Above(held);
        var toNext = next is null ? 0 : Shortfall(next, asOfToday);
        return new TierOutlook(held.Label, standing.KeptUntil, held.Measure, toKeep, next?.Label, next?.Measure, toNext, standing.FloorOn(today) is null ? null : standing.FloorUntil);
    }

    /// <summary>What the measure still lacks of the tier's threshold; a single top-up is never made of parts, so it takes the whole threshold.</summary>
    private static long Shortfall(Tier tier, TierMeasures measures) =>
        measures.Meets(tier) ? 0 : tier.Measure == TierMeasure.SingleTopUp ? tier.ThresholdMinor : tier.ThresholdMinor - measures.Of(tier.Measure);

    public async Task<IReadOnlyList<TierHistoryRow>> HistoryAsync(int memberId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.RequireSignedIn(user);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var names = await db.Tiers.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Label, cancellationToken);
        var changes = await db.TierChanges.AsNoTracking().Where(c => c.MemberId == memberId).OrderByDescending(c => c.Id).ToListAsync(cancellationToken);
        return [.. changes.Select(c => new TierHistoryRow(c.At, c.Kind, c.FromTierId is { } from ? names[from] : null, names[c.ToTierId], c.MeasureMinor, c.KeptUntil, c.PurchaseId, c.TopUpId, c.By, c.Reason))];
    }

    /// <summary>
    /// A manager sets a member's tier by hand, with a reason and an end date: it is held until that date whatever the
    /// measure (a floor — a purchase may still lift the member higher), then the review checks it like any other.
    /// </summary>
    public async Task<Result<TierDecision>> SetByHandAsync(int memberId, int tierId, string? reason, DateOnly? until, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var by = Access.Require(user, Roles.Manager);
        var today = clock.Today;
        var refusals = new List<FieldError>();
        if (ChangeReason.Refusal(reason) is { } reasonRefusal)
        {
            refusals.Add(reasonRefusal);
        }
        if (until is not { } end)
        {
            refusals.Add(new FieldError(UntilField, MessageCode.TierManualEndRequired));
        }
        else if (end < today)
        {
            refusals.Add(new FieldError(UntilField, MessageCode.TierManualEndInPast));
        }
        if (refusals.Count > 0)
        {
            return Result<TierDecision>.Refused(refusals);
        }
        return await CardRetry.RunAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var ladder = await TierEvaluation.LadderAsync(db, cancellationToken);
            if (ladder.Tiers.All(t => t.Id != tierId))
            {
                return Result<TierDecision>.Refused(TierField, MessageCode.TierUnknown);
            }
            await CardAccount.LockAsync(db, memberId, cancellationToken);
            if (!await db.Members.AnyAsync(m => m.Id == memberId, cancellationToken))
            {
                return Result<TierDecision>.Refused("", MessageCode.MemberNotFound);
            }
            var standing = await TierEvaluation.StandingAsync(db, memberId, cancellationToken);
            var measures = await TierMeasuring.OfMemberAsync(db, clock, memberId, today, cancellationToken);
            var decision = new TierDecision(TierChangeKind.SetByHand, standing.TierId, new TierStanding(tierId, until, tierId, until), measures.Of(ladder[tierId].Measure));
            await TierEvaluation.WriteAsync(db, ladder, memberId, standing, decision, new TierCause(clock.UtcNow, by, Reason: reason!.Trim()), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return Result<TierDecision>.Ok(decision);
        });
    }
}
