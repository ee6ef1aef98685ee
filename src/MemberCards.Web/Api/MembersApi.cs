using MemberCards.ApiKeys;
using MemberCards.CardValue;
using MemberCards.Coupons;
using MemberCards.Members;
using MemberCards.Purchases;
using MemberCards.Tiers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MemberCards.Web.Api;

/// <summary>Members at the till: find one, read their card, create one, top up their card.</summary>
public static class MembersApi
{
    public static RouteGroupBuilder MapMembersApi(this RouteGroupBuilder api)
    {
        var members = api.MapGroup("/members").WithTags("Members");
        members.MapGet("/", FindAsync).RequireScope(ApiScopes.ReadMembers)
            .WithName("FindMembers").WithSummary("Find members by a card number (old cards too), phone digits or name");
        members.MapGet("/{id:int}", AccountAsync).RequireScope(ApiScopes.ReadMembers)
            .WithName("GetMemberAccount").WithSummary("A member's balances, points, tier and unused coupons");
        members.MapPost("/", CreateAsync).RequireScope(ApiScopes.WriteMembers).RequireIdempotencyKey(deduplicatedByService: false)
            .WithName("CreateMember").WithSummary("Create a member and issue their card");
        members.MapPost("/{id:int}/top-ups", TopUpAsync).RequireScope(ApiScopes.TopUp).RequireIdempotencyKey(deduplicatedByService: true)
            .WithName("TopUp").WithSummary("Top up a member's card (the highest top-up rule met gives its bonus)");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<PurchaseMember>>> FindAsync(string? q, MemberLookup lookup, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.Ok(await lookup.FindAsync(q, http.Principal(), cancellationToken));

    public static async Task<Results<Ok<MemberAccount>, ProblemHttpResult>> AccountAsync(int id, CardValueService cards, MemberTierService tiers,
        MemberCouponService coupons, ApiProblems problems, HttpContext http, CancellationToken cancellationToken)
    {
        var user = http.Principal();
        if (await cards.ValueAsync(id, user, cancellationToken) is not { } value)
        {
            return problems.Refused([FieldError.Of(MessageCode.MemberNotFound)]);
        }
        var tier = await tiers.OutlookAsync(id, user, cancellationToken);
        var unused = (await coupons.ListAsync(id, user, cancellationToken)).Where(c => c.State == CouponState.Issued).ToList();
        return TypedResults.Ok(new MemberAccount(id, value.Status, value.Balances, value.Expiring,
            tier is { Held: var held } ? held.Name ?? held.Preset?.ToString() : null, tier?.KeptUntil, unused));
    }

    public static async Task<Results<Created<IssuedCard>, ProblemHttpResult>> CreateAsync(NewMemberRequest body, MemberService members, ApiProblems problems,
        HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var created = await members.CreateAsync(new NewMember(body.Name, body.Email, body.Phone, body.MarketingOptIn, body.Notes), http.Principal(), cancellationToken);
        return created.Succeeded ? TypedResults.Created($"{ApiSetup.Prefix}/members/{created.Value!.MemberId}", created.Value) : problems.Refused(created.Errors);
    }

    public static async Task<Results<Ok<RecordedTopUp>, ProblemHttpResult>> TopUpAsync(int id, TopUpRequest body, TopUpService topUps, ApiProblems problems,
        HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var recorded = await topUps.RecordAsync(new NewTopUp(id, body.AmountMinor, body.Method, body.MethodLabel, ApiFilters.OperationKey(http)), http.Principal(), cancellationToken);
        return recorded.Succeeded ? TypedResults.Ok(recorded.Value!) : problems.Refused(recorded.Errors);
    }
}
