using MemberCards.Accounts;
using MemberCards.CardValue;
using MemberCards.Members;
using Microsoft.Extensions.DependencyInjection;

namespace MemberCards.Web.Tests.CardValue;

/// <summary>
/// Ada's card as the page tests read it: a 充500送80 rule, top-up 1 of 500 (bonus 80), top-up 2 of 100 voided
/// ("Wrong card"), then 120 points given by a manager ("Birthday gift"). All done as the demo-data manager.
/// Ledger, newest first: Adjustment +120 pts · VoidReversal −100 (reverses Top-up) · TopUp +100 · Bonus +80 · TopUp +500.
/// </summary>
public sealed record CardValueScenario(int MemberId, int FirstTopUp, int VoidedTopUp)
{
    public static async Task<CardValueScenario> SeedAsync(IServiceProvider services)
    {
        var created = await services.GetRequiredService<MemberService>().CreateAsync(new NewMember("Ada Lovelace", "ada@example.com", "555 123 4567"), Access.System, CancellationToken.None);
        return await SeedAsync(services, created.Value!.MemberId);
    }

    /// <summary>The same rules, top-ups and adjustment on a member a test made itself, done by <paramref name="by"/> (a manager).</summary>
    public static async Task<CardValueScenario> SeedAsync(IServiceProvider services, int member, System.Security.Claims.ClaimsPrincipal? by = null)
    {
        by ??= Access.System;
        var rules = services.GetRequiredService<CardRulesService>();
        Assert.True((await rules.SavePointsRuleAsync(new PointsRule(), by, CancellationToken.None)).Succeeded);
        Assert.True((await rules.SaveTopUpRuleAsync(new TopUpRuleInput(0, 50_000, 8_000, 0, 0, null, null, true), by, CancellationToken.None)).Succeeded);
        var topUps = services.GetRequiredService<TopUpService>();
        var first = await topUps.RecordAsync(new NewTopUp(member, 50_000, PaymentMethod.WeChatPay), by, CancellationToken.None);
        var second = await topUps.RecordAsync(new NewTopUp(member, 10_000, PaymentMethod.Cash), by, CancellationToken.None);
        Assert.True((await topUps.VoidAsync(second.Value!.TopUpId, "Wrong card", by, CancellationToken.None)).Succeeded);
        Assert.True((await services.GetRequiredService<CardValueService>().AdjustAsync(new CardAdjustment(member, 0, 0, 120, "Birthday gift"), by, CancellationToken.None)).Succeeded);
        return new CardValueScenario(member, first.Value!.TopUpId, second.Value.TopUpId);
    }

    /// <summary>The last day the scenario's 120 points can be spent, under the default rule (end of the following year).</summary>
    public static DateOnly PointsLastDay(IServiceProvider services) =>
        new PointsRule().ExpiresOn(services.GetRequiredService<StoreClock>().Today)!.Value;
}
