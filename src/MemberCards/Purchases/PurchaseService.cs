using System.Globalization;
using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.CardValue;
using MemberCards.Coupons;
using MemberCards.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberCards.Purchases;

/// <param name="PurchasedAt">Null for "now"; only managers may give an earlier time, within the backdating window.</param>
/// <param name="IdempotencyKey">Chosen once per entry dialog: saving again with the same key records nothing new.</param>
/// <param name="PointsToRedeem">Points the customer spends as cash on this bill.</param>
/// <param name="Tenders">How it is paid (the card, cash, …); empty when the till doesn't record it.</param>
/// <param name="CouponCodes">The codes of the member's coupons to redeem, as typed or scanned.</param>
public sealed record NewPurchase(int MemberId, IReadOnlyList<NewPurchaseLine> Lines, DateTime? PurchasedAt = null, Guid? IdempotencyKey = null,
    long PointsToRedeem = 0, IReadOnlyList<Tender>? Tenders = null, IReadOnlyList<string>? CouponCodes = null)
{
    public Basket ToBasket() => new(MemberId, Lines, PointsToRedeem, Tenders, CouponCodes);
}

/// <param name="AlreadyRecorded">True when the key had been saved before: this is that purchase, not a new one.</param>
public sealed record RecordedPurchase(int PurchaseId, long TotalMinor, bool AlreadyRecorded = false);

/// <summary>The till's purchases: quote a basket, record it (quote + posting in one transaction), void one.</summary>
public sealed class PurchaseService(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock, PurchaseFeed feed, IOptions<MemberCardsOptions> options)
{
    private readonly CultureInfo _culture = CultureInfo.GetCultureInfo(options.Value.Culture);

    private QuoteRules TillRules => new(RequireActiveProducts: true, RequireActiveCard: true, options.Value.MaxUnitPriceMinor, _culture);

    /// <summary>Prices the basket as a save would, without saving: the entry dialog's total and refusals.</summary>
    public async Task<PricedReceipt> QuoteAsync(Basket basket, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(basket);
        Access.Require(user, Roles.RecordPurchases);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return Quote.Price(basket, await LoadQuoteContextAsync(db, basket, TillRules, clock.Today, cancellationToken));
    }

    /// <summary>
    /// Prices a basket paid by tenders that depend on the amount due (the card pays what it holds, the rest in cash):
    /// read once, priced for the amount due, then priced again in memory with the tenders <paramref name="payFor"/>
    /// gives for that receipt. Returns the receipt and the tenders to save with it.
    /// </summary>
    public async Task<(PricedReceipt Receipt, IReadOnlyList<Tender> Tenders)> QuoteAsync(Basket basket, Func<PricedReceipt, IReadOnlyList<Tender>> payFor,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(basket);
        ArgumentNullException.ThrowIfNull(payFor);
        Access.Require(user, Roles.RecordPurchases);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var context = await LoadQuoteContextAsync(db, basket, TillRules, clock.Today, cancellationToken);
        var due = Quote.Price(basket with { Tenders = null }, context);
        var tenders = payFor(due);
        return (tenders.Count == 0 ? due : Quote.Price(basket with { Tenders = tenders }, context), tenders);
    }

    /// <summary>The member's unused coupons for the basket as it stands: usable ones first, best saving first, the rest with why not.</summary>
    public async Task<IReadOnlyList<CouponChoice>> CouponChoicesAsync(Basket basket, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(basket);
        Access.Require(user, Roles.RecordPurchases);
        if (basket.MemberId is not { } memberId)
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var today = clock.Today;
        var held = await CouponRedemption.HeldAsync(db.Coupons.Where(c => c.MemberId == memberId && c.State == CouponState.Issued && c.ValidTo >= today), cancellationToken);
        // Most members hold no coupon: the basket is then not read again for them at every change of a line.
        if (held.Count == 0)
        {
            return [];
        }
        var context = await LoadQuoteContextAsync(db, basket with { CouponCodes = null }, TillRules, today, cancellationToken);
        return CouponChoices.For(basket, context with { Coupons = held });
    }

    /// <summary>
    /// Quotes and posts one receipt in one transaction, then tells the feed. When another till moved the same card
    /// between this quote and its write (PostgreSQL; SQLite's writer lock rules it out), it prices again from the
    /// new balances: the second of two tills spending the last yuan is refused with the balance left.
    /// </summary>
    public async Task<Result<RecordedPurchase>> RecordAsync(NewPurchase input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(user);
        Access.Require(user, Roles.RecordPurchases);
        return await CardRetry.RunAsync(() => RecordOnceAsync(input, user, cancellationToken));
    }

    private async Task<Result<RecordedPurchase>> RecordOnceAsync(NewPurchase input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Begun before the checks (SQLite: BEGIN IMMEDIATE), so a card frozen meanwhile can't slip through, and a
        // second save with the same key waits for the first and then finds it.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        return await IdempotentSave.RunAsync(dbFactory, db, transaction, input.IdempotencyKey, FindByKeyAsync, async () =>
        {
            var now = clock.UtcNow;
            if (TimeError(input.PurchasedAt, user.IsInRole(Roles.Manager), now) is { } timeError)
            {
                return Result<RecordedPurchase>.Refused([timeError]);
            }
            var posted = await PostInAsync(db, input, input.PurchasedAt ?? now, user, cancellationToken);
            if (!posted.Succeeded)
            {
                return Result<RecordedPurchase>.Refused(posted.Errors);
            }
            await transaction.CommitAsync(cancellationToken);
            Publish(posted.Value!);
            return Result<RecordedPurchase>.Ok(new RecordedPurchase(posted.Value!.PurchaseId, posted.Value.TotalMinor));
        }, cancellationToken);
    }

    /// <summary>Marks a purchase void (it stays, struck through) and takes every effect of it back out.</summary>
    public async Task<Result<int>> VoidAsync(int purchaseId, string reason, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.Require(user, Roles.Manager);
        if (ChangeReason.Refusal(reason, MessageCode.VoidReasonRequired) is { } refusal)
        {
            return Result<int>.Refused([refusal]);
        }
        return await CardRetry.RunAsync(() => VoidOnceAsync(purchaseId, reason.Trim(), user, cancellationToken));
    }

    private async Task<Result<int>> VoidOnceAsync(int purchaseId, string reason, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var voided = await PurchasePosting.VoidAsync(db, purchaseId, reason, clock, user, cancellationToken);
        if (!voided.Succeeded)
        {
            return Result<int>.Refused(voided.Errors);
        }
        await transaction.CommitAsync(cancellationToken);
        Publish(voided.Value!);
        return Result<int>.Ok(purchaseId);
    }

    /// <summary>
    /// Quotes and posts one receipt at <paramref name="purchasedAt"/> inside the caller's transaction, by the till's
    /// rules: <see cref="RecordAsync"/>'s save, and the demo fill's coupon redemptions written with the rest of the
    /// fill. The caller commits and publishes the events.
    /// </summary>
    internal async Task<Result<PostingOutcome>> PostInAsync(MemberCardsDb db, NewPurchase input, DateTime purchasedAt, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        // The member's row is locked first: two tills selling to one member (the same card, the same coupon) take turns.
        await CardAccount.LockAsync(db, input.MemberId, cancellationToken);
        var basket = input.ToBasket();
        var day = DateOnly.FromDateTime(clock.ToLocal(purchasedAt));
        var context = await LoadQuoteContextAsync(db, basket, TillRules, day, cancellationToken);
        var receipt = Quote.Price(basket, context);
        if (!receipt.CanPost)
        {
            return Result<PostingOutcome>.Refused(receipt.Refusals);
        }
        var details = new PostingDetails(purchasedAt, clock.UtcNow, input.IdempotencyKey, context.PointsRule?.ExpiresOn(day));
        return Result<PostingOutcome>.Ok(await PurchasePosting.PostAsync(db, receipt, details, clock, user, cancellationToken));
    }

    /// <summary>Reads what a quote needs inside the caller's context (and transaction, when saving).</summary>
    /// <param name="day">The store day of the purchase (coupons are checked on it).</param>
    private async Task<QuoteContext> LoadQuoteContextAsync(MemberCardsDb db, Basket basket, QuoteRules rules, DateOnly day, CancellationToken cancellationToken)
    {
        var member = basket.MemberId is { } memberId
            ? await db.Members.Where(m => m.Id == memberId)
                .Select(m => new
                {
                    m.Status,
                    Card = new CardBalances(m.PrincipalMinor, m.BonusMinor, m.Points),
                    m.Tier,
                    MergedIntoCard = m.MergedIntoId == null ? null : db.Members.Where(k => k.Id == m.MergedIntoId).Select(k => k.CardNumber).FirstOrDefault(),
                })
                .SingleOrDefaultAsync(cancellationToken)
            : null;
        var pointsRule = await db.PointsRules.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        var productIds = basket.Lines.Select(l => l.ProductId).Distinct().ToList();
        var products = productIds.Count == 0
            ? []
            : await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var coupons = await CouponRedemption.ForCodesAsync(db, basket.CouponCodes, cancellationToken);
        return new QuoteContext(member?.Status, products, rules, member?.Card ?? default, pointsRule, options.Value.StoredValue.SpendOrder, member?.Tier, coupons, day, member?.MergedIntoCard);
    }

    private void Publish(PostingOutcome outcome)
    {
        foreach (var change in outcome.Events)
        {
            feed.Publish(change);
        }
    }

    private FieldError? TimeError(DateTime? requested, bool isManager, DateTime now)
    {
        const string field = nameof(NewPurchase.PurchasedAt);
        if (requested is not { } at)
        {
            return null;
        }
        if (at > now)
        {
            return new FieldError(field, MessageCode.PurchaseTimeInFuture);
        }
        if (at < now && !isManager)
        {
            return new FieldError(field, MessageCode.PurchaseBackdateManagerOnly);
        }
        var earliest = now.AddDays(-options.Value.PurchaseBackdatingDays);
        return at < earliest
            ? new FieldError(field, MessageCode.PurchaseBackdateTooFar, options.Value.PurchaseBackdatingDays, clock.ToLocal(earliest))
            : null;
    }

    private static Task<RecordedPurchase?> FindByKeyAsync(MemberCardsDb db, Guid key, CancellationToken cancellationToken) =>
        db.Purchases.Where(p => p.IdempotencyKey == key)
            .Select(p => new RecordedPurchase(p.Id, p.TotalMinor, true))
            .SingleOrDefaultAsync(cancellationToken);
}
