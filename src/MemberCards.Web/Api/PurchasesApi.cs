using MemberCards.ApiKeys;
using MemberCards.Coupons;
using MemberCards.Purchases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MemberCards.Web.Api;

/// <summary>The till's checkout through the same quote and posting as the purchase dialog.</summary>
public static class PurchasesApi
{
    public static RouteGroupBuilder MapPurchasesApi(this RouteGroupBuilder api)
    {
        var checkout = api.MapGroup("/").WithTags("Purchases");
        checkout.MapPost("/quotes", QuoteAsync).RequireScope(ApiScopes.RecordPurchases)
            .WithName("Quote").WithSummary("Price a basket (member price, coupons, points, tenders) without recording it");
        checkout.MapPost("/coupon-choices", CouponChoicesAsync).RequireScope(ApiScopes.RecordPurchases)
            .WithName("CouponChoices").WithSummary("The member's unused coupons for a basket: usable ones first, best saving first, the rest with why not");
        checkout.MapPost("/purchases", RecordAsync).RequireScope(ApiScopes.RecordPurchases).RequireIdempotencyKey(deduplicatedByService: true)
            .WithName("RecordPurchase").WithSummary("Record a purchase: quoted and posted in one transaction; a retry with the same Idempotency-Key returns the first answer");
        checkout.MapPost("/purchases/{id:int}/void", VoidAsync).RequireScope(ApiScopes.VoidPurchases).RequireIdempotencyKey(deduplicatedByService: false)
            .WithName("VoidPurchase").WithSummary("Void a purchase: every effect of it is reversed");
        return api;
    }

    public static async Task<Results<Ok<QuoteAnswer>, ProblemHttpResult>> QuoteAsync(Basket basket, PurchaseService purchases, ApiProblems problems,
        HttpContext http, CancellationToken cancellationToken)
    {
        var receipt = await purchases.QuoteAsync(basket, http.Principal(), cancellationToken);
        return receipt.Refusals.Count == 0 ? TypedResults.Ok(QuoteAnswer.From(receipt)) : problems.Refused(receipt.Refusals, StatusCodes.Status422UnprocessableEntity);
    }

    public static async Task<Ok<IReadOnlyList<CouponChoice>>> CouponChoicesAsync(Basket basket, PurchaseService purchases, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.Ok(await purchases.CouponChoicesAsync(basket, http.Principal(), cancellationToken));

    public static async Task<Results<Created<RecordedPurchase>, ProblemHttpResult>> RecordAsync(Basket basket, PurchaseService purchases, ApiProblems problems,
        HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(basket);
        var purchase = new NewPurchase(basket.MemberId ?? 0, basket.Lines, IdempotencyKey: ApiFilters.OperationKey(http), PointsToRedeem: basket.PointsToRedeem,
            Tenders: basket.Tenders, CouponCodes: basket.CouponCodes);
        var recorded = await purchases.RecordAsync(purchase, http.Principal(), cancellationToken);
        return recorded.Succeeded
            ? TypedResults.Created($"{ApiSetup.Prefix}/purchases/{recorded.Value!.PurchaseId}", recorded.Value)
            : problems.Refused(recorded.Errors, StatusCodes.Status422UnprocessableEntity);
    }

    public static async Task<Results<Ok<VoidedPurchase>, ProblemHttpResult>> VoidAsync(int id, VoidRequest body, PurchaseService purchases, ApiProblems problems,
        HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var voided = await purchases.VoidAsync(id, body.Reason, http.Principal(), cancellationToken);
        return voided.Succeeded ? TypedResults.Ok(new VoidedPurchase(id)) : problems.Refused(voided.Errors);
    }
}
