using MemberCards.ApiKeys;
using MemberCards.Purchases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MemberCards.Web.Api;

/// <summary>What changed since a cursor, for a store's own reporting: purchases recorded or voided, ledger entries written.</summary>
public static class ChangesApi
{
    public static RouteGroupBuilder MapChangesApi(this RouteGroupBuilder api)
    {
        var changes = api.MapGroup("/changes").WithTags("Changes").RequireScope(ApiScopes.ReadPurchases);
        changes.MapGet("/purchases", PurchasesAsync).WithName("PurchaseChanges")
            .WithSummary("Purchases recorded or voided since the cursor (empty: from the start); pass the answer's cursor next time");
        changes.MapGet("/ledger", LedgerAsync).WithName("LedgerChanges")
            .WithSummary("Card ledger entries (stored value, points) written since the cursor");
        return api;
    }

    public static async Task<Results<Ok<ChangePage<ChangedPurchase>>, ProblemHttpResult>> PurchasesAsync(string? cursor, int? limit, PurchaseChanges changes,
        ApiProblems problems, HttpContext http, CancellationToken cancellationToken)
    {
        var page = await changes.PurchasesAsync(cursor, limit ?? 100, http.Principal(), cancellationToken);
        return page.Succeeded ? TypedResults.Ok(page.Value!) : problems.Refused(page.Errors, StatusCodes.Status400BadRequest);
    }

    public static async Task<Results<Ok<ChangePage<ChangedLedgerEntry>>, ProblemHttpResult>> LedgerAsync(string? cursor, int? limit, PurchaseChanges changes,
        ApiProblems problems, HttpContext http, CancellationToken cancellationToken)
    {
        var page = await changes.LedgerAsync(cursor, limit ?? 100, http.Principal(), cancellationToken);
        return page.Succeeded ? TypedResults.Ok(page.Value!) : problems.Refused(page.Errors, StatusCodes.Status400BadRequest);
    }
}
