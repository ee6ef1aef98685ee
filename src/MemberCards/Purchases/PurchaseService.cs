using System.Globalization;
using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberCards.Purchases;

/// <param name="PurchasedAt">Null for "now"; only managers may give an earlier time, within the backdating window.</param>
/// <param name="IdempotencyKey">Chosen once per entry dialog: saving again with the same key records nothing new.</param>
public sealed record NewPurchase(int MemberId, IReadOnlyList<NewPurchaseLine> Lines, DateTime? PurchasedAt = null, Guid? IdempotencyKey = null);

/// <param name="AlreadyRecorded">True when the key had been saved before: this is that purchase, not a new one.</param>
public sealed record RecordedPurchase(int PurchaseId, long TotalMinor, bool AlreadyRecorded = false);

/// <summary>The till's purchases: quote a basket, record it (quote + posting in one transaction), void one.</summary>
public sealed class PurchaseService(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock, PurchaseFeed feed, IOptions<MemberCardsOptions> options)
{
    public const int VoidReasonLength = 500;

    private readonly CultureInfo _culture = CultureInfo.GetCultureInfo(options.Value.Culture);

    private QuoteRules TillRules => new(RequireActiveProducts: true, RequireActiveCard: true, options.Value.MaxUnitPriceMinor, _culture);

    /// <summary>Prices the basket as a save would, without saving: the entry dialog's total and refusals.</summary>
    public async Task<PricedReceipt> QuoteAsync(Basket basket, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(basket);
        Access.Require(user, Roles.RecordPurchases);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return Quote.Price(basket, await LoadQuoteContextAsync(db, basket, TillRules, cancellationToken));
    }

    /// <summary>Quotes and posts one receipt in one transaction, then tells the feed.</summary>
    public async Task<Result<RecordedPurchase>> RecordAsync(NewPurchase input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(user);
        Access.Require(user, Roles.RecordPurchases);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Begun before the checks (SQLite: BEGIN IMMEDIATE), so a card frozen meanwhile can't slip through, and a
        // second save with the same key waits for the first and then finds it.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (input.IdempotencyKey is { } savedKey && await FindByKeyAsync(db, savedKey, cancellationToken) is { } earlier)
        {
            return Result<RecordedPurchase>.Ok(earlier);
        }
        var now = clock.UtcNow;
        if (TimeError(input.PurchasedAt, user.IsInRole(Roles.Manager), now) is { } timeError)
        {
            return Result<RecordedPurchase>.Refused([timeError]);
        }
        var basket = new Basket(input.MemberId, input.Lines);
        var receipt = Quote.Price(basket, await LoadQuoteContextAsync(db, basket, TillRules, cancellationToken));
        if (!receipt.CanPost)
        {
            return Result<RecordedPurchase>.Refused(receipt.Refusals);
        }

        PostingOutcome posted;
        try
        {
            posted = await PurchasePosting.PostAsync(db, receipt, new PostingDetails(input.PurchasedAt ?? now, now, input.IdempotencyKey), user, cancellationToken);
        }
        catch (DbUpdateException) when (input.IdempotencyKey is { } key)
        {
            // Where reads don't wait for the first writer (PostgreSQL), the unique index catches the second save.
            await transaction.RollbackAsync(cancellationToken);
            await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (await FindByKeyAsync(fresh, key, cancellationToken) is { } first)
            {
                return Result<RecordedPurchase>.Ok(first);
            }
            throw;
        }
        await transaction.CommitAsync(cancellationToken);
        Publish(posted);
        return Result<RecordedPurchase>.Ok(new RecordedPurchase(posted.PurchaseId, posted.TotalMinor));
    }

    /// <summary>Marks a purchase void (it stays, struck through) and takes every effect of it back out.</summary>
    public async Task<Result<int>> VoidAsync(int purchaseId, string reason, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.Require(user, Roles.Manager);
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Result<int>.Refused("Reason", MessageCode.VoidReasonRequired);
        }
        if (reason.Trim().Length > VoidReasonLength)
        {
            return Result<int>.Refused("Reason", MessageCode.VoidReasonTooLong, VoidReasonLength);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var voided = await PurchasePosting.VoidAsync(db, purchaseId, reason.Trim(), clock.UtcNow, user, cancellationToken);
        if (!voided.Succeeded)
        {
            return Result<int>.Refused(voided.Errors);
        }
        await transaction.CommitAsync(cancellationToken);
        Publish(voided.Value!);
        return Result<int>.Ok(purchaseId);
    }

    /// <summary>Reads what a quote needs inside the caller's context (and transaction, when saving).</summary>
    private static async Task<QuoteContext> LoadQuoteContextAsync(MemberCardsDb db, Basket basket, QuoteRules rules, CancellationToken cancellationToken)
    {
        var status = basket.MemberId is { } memberId
            ? await db.Members.Where(m => m.Id == memberId).Select(m => (Members.MemberStatus?)m.Status).SingleOrDefaultAsync(cancellationToken)
            : null;
        var productIds = basket.Lines.Select(l => l.ProductId).Distinct().ToList();
        var products = productIds.Count == 0
            ? []
            : await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        return new QuoteContext(status, products, rules);
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
