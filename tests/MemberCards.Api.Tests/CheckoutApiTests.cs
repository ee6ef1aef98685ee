using System.Net;
using MemberCards.ApiKeys;
using MemberCards.Auditing;
using MemberCards.Purchases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberCards.Api.Tests;

/// <summary>A till's flow over HTTP: find the member, quote, record (idempotently), void, top up, read changes.</summary>
public sealed class CheckoutApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    private const ApiScopes Till = ApiScopes.ReadMembers | ApiScopes.WriteMembers | ApiScopes.RecordPurchases | ApiScopes.TopUp | ApiScopes.ReadPurchases;

    [Fact]
    public async Task A_member_created_through_the_API_is_found_by_card_number_and_phone_and_their_account_read()
    {
        var (client, _) = await app.ClientWithKeyAsync(Till);
        var (id, card, phoneDigits) = await CreateMemberAsync(client);

        var byCard = await (await client.GetAsync($"/api/v1/members?q={card}")).JsonAsync();
        var byPhone = await (await client.GetAsync($"/api/v1/members?q={phoneDigits}")).JsonAsync();
        var account = await client.GetAsync($"/api/v1/members/{id}");

        Assert.Equal(id, Assert.Single(byCard.EnumerateArray()).GetProperty("id").GetInt32());
        Assert.Contains(byPhone.EnumerateArray(), m => m.GetProperty("id").GetInt32() == id);
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
        var json = await account.JsonAsync();
        Assert.Equal(0, json.GetProperty("balances").GetProperty("principalMinor").GetInt64());
        Assert.Equal("Active", json.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/members/999999")).StatusCode);
    }

    [Fact]
    public async Task The_quoted_amount_due_is_the_recorded_total_and_the_audit_entry_names_the_key()
    {
        var (client, key) = await app.ClientWithKeyAsync(Till, "Till quote");
        var (memberId, _, _) = await CreateMemberAsync(client);
        var basket = Basket(memberId, 3);

        var quote = await client.PostAsync("/api/v1/quotes", basket, null);
        var recorded = await client.PostAsync("/api/v1/purchases", basket, Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.OK, quote.StatusCode);
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var purchase = await recorded.JsonAsync();
        Assert.Equal((await quote.JsonAsync()).GetProperty("amountDueMinor").GetInt64(), purchase.GetProperty("totalMinor").GetInt64());
        await using var db = app.OpenDb();
        var id = purchase.GetProperty("purchaseId").GetInt32();
        Assert.Equal("api:Till quote", (await db.Purchases.SingleAsync(p => p.Id == id)).RecordedBy);
        var entityId = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.PurchaseRecorded && e.EntityId == entityId && e.UserName == "api:Till quote"));
        Assert.NotNull((await db.ApiKeys.SingleAsync(k => k.Id == key.Id)).LastUsedAt);
    }

    [Fact]
    public async Task A_retry_with_the_same_key_gets_the_first_answer_and_another_body_under_it_is_refused()
    {
        var (client, _) = await app.ClientWithKeyAsync(Till);
        var (memberId, _, _) = await CreateMemberAsync(client);
        var key = Guid.NewGuid().ToString();

        var first = await client.PostAsync("/api/v1/purchases", Basket(memberId, 1), key);
        var retry = await client.PostAsync("/api/v1/purchases", Basket(memberId, 1), key);
        var other = await client.PostAsync("/api/v1/purchases", Basket(memberId, 2), key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal(["Idempotency-Key:ApiIdempotencyKeyReused"], await other.ProblemCodesAsync());
        await using var db = app.OpenDb();
        var purchase = await db.Purchases.Include(p => p.Lines).SingleAsync(p => p.MemberId == memberId);
        Assert.Equal(1, Assert.Single(purchase.Lines).Quantity);
    }

    [Fact]
    public async Task Two_requests_at_once_with_one_key_record_one_purchase()
    {
        var (client, _) = await app.ClientWithKeyAsync(Till);
        var (memberId, _, _) = await CreateMemberAsync(client);
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.PostAsync("/api/v1/purchases", Basket(memberId, 1), key)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        var ids = await Task.WhenAll(answers.Select(async a => (await a.JsonAsync()).GetProperty("purchaseId").GetInt32()));
        Assert.Single(ids.Distinct());
        await using var db = app.OpenDb();
        Assert.Equal(1, await db.Purchases.CountAsync(p => p.MemberId == memberId));
    }

    [Fact]
    public async Task A_void_takes_the_purchase_off_and_a_second_void_is_refused_with_the_dialogs_code()
    {
        var (client, _) = await app.ClientWithKeyAsync(Till);
        var (manager, _) = await app.ClientWithKeyAsync(ApiScopes.VoidPurchases, "Back office");
        var (memberId, _, _) = await CreateMemberAsync(client);
        var purchase = await (await client.PostAsync("/api/v1/purchases", Basket(memberId, 1), Guid.NewGuid().ToString())).JsonAsync();
        var id = purchase.GetProperty("purchaseId").GetInt32();

        var voided = await manager.PostAsync($"/api/v1/purchases/{id}/void", new { reason = "Rang up twice" }, "void-1");
        var again = await manager.PostAsync($"/api/v1/purchases/{id}/void", new { reason = "Rang up twice" }, "void-2");
        var retried = await manager.PostAsync($"/api/v1/purchases/{id}/void", new { reason = "Rang up twice" }, "void-1");

        Assert.Equal(HttpStatusCode.OK, voided.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal([":PurchaseAlreadyVoided"], await again.ProblemCodesAsync());
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        await using var db = app.OpenDb();
        var stored = await db.Purchases.SingleAsync(p => p.Id == id);
        Assert.Equal("api:Back office", stored.VoidedBy);
        Assert.Equal(0, (await db.Members.SingleAsync(m => m.Id == memberId)).PurchaseCount);
    }

    [Fact]
    public async Task A_top_up_moves_the_card_once_per_idempotency_key()
    {
        var (client, _) = await app.ClientWithKeyAsync(Till);
        var (memberId, _, _) = await CreateMemberAsync(client);
        var body = new { amountMinor = 10_000, method = "WeChatPay" };

        var first = await client.PostAsync($"/api/v1/members/{memberId}/top-ups", body, "top-up-1");
        var retry = await client.PostAsync($"/api/v1/members/{memberId}/top-ups", body, "top-up-1");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        var account = await (await client.GetAsync($"/api/v1/members/{memberId}")).JsonAsync();
        Assert.Equal(10_000, account.GetProperty("balances").GetProperty("principalMinor").GetInt64());
    }

    [Fact]
    public async Task The_change_lists_give_new_purchases_voids_and_ledger_entries_once_each_by_cursor()
    {
        var (client, _) = await app.ClientWithKeyAsync(Till);
        var (manager, _) = await app.ClientWithKeyAsync(ApiScopes.VoidPurchases);
        var start = await (await client.GetAsync("/api/v1/changes/purchases?limit=500")).JsonAsync();
        var cursor = await DrainAsync(client, "purchases", start.GetProperty("cursor").GetString()!);
        var ledgerCursor = await DrainAsync(client, "ledger", "");
        var (memberId, _, _) = await CreateMemberAsync(client);
        await client.PostAsync($"/api/v1/members/{memberId}/top-ups", new { amountMinor = 5_000, method = "Cash" }, Guid.NewGuid().ToString());
        var id = (await (await client.PostAsync("/api/v1/purchases", Basket(memberId, 1), Guid.NewGuid().ToString())).JsonAsync()).GetProperty("purchaseId").GetInt32();

        var recorded = await (await client.GetAsync($"/api/v1/changes/purchases?cursor={cursor}")).JsonAsync();
        await manager.PostAsync($"/api/v1/purchases/{id}/void", new { reason = "Test" }, Guid.NewGuid().ToString());
        var voided = await (await client.GetAsync($"/api/v1/changes/purchases?cursor={recorded.GetProperty("cursor").GetString()}")).JsonAsync();
        var ledger = await (await client.GetAsync($"/api/v1/changes/ledger?cursor={ledgerCursor}")).JsonAsync();
        var bad = await client.GetAsync("/api/v1/changes/purchases?cursor=nonsense");

        Assert.Equal(id, Assert.Single(recorded.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt32());
        var change = Assert.Single(voided.GetProperty("items").EnumerateArray());
        Assert.Equal(id, change.GetProperty("id").GetInt32());
        Assert.Equal("Test", change.GetProperty("voidReason").GetString());
        Assert.Contains(ledger.GetProperty("items").EnumerateArray(), e => e.GetProperty("memberId").GetInt32() == memberId && e.GetProperty("kind").GetString() == "TopUp");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["cursor:ApiCursorInvalid"], await bad.ProblemCodesAsync());
    }

    [Fact]
    public async Task The_API_refuses_a_bad_basket_with_the_same_fields_and_codes_as_the_purchase_dialogs_quote()
    {
        var (client, _) = await app.ClientWithKeyAsync(Till);
        var (memberId, _, _) = await CreateMemberAsync(client);
        var basket = new Basket(memberId, [new NewPurchaseLine(app.Products[0].Id, 0), new NewPurchaseLine(app.Products[1].Id, 1, -5)], PointsToRedeem: 0);
        using var scope = app.Services.CreateScope();
        var dialogQuote = await scope.ServiceProvider.GetRequiredService<PurchaseService>().QuoteAsync(basket, ApiApp.Manager, default);

        var quoted = await client.PostAsync("/api/v1/quotes", basket, null);
        var recorded = await client.PostAsync("/api/v1/purchases", basket, Guid.NewGuid().ToString());

        var expected = dialogQuote.Refusals.Select(r => $"{Web.Api.ApiProblems.JsonField(r.Field)}:{r.Code}").ToList();
        Assert.Equal(["lines[0].quantity:QuantityOutOfRange", "lines[1].unitPriceMinor:PriceNegative"], expected);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, quoted.StatusCode);
        Assert.Equal(expected, await quoted.ProblemCodesAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, recorded.StatusCode);
        Assert.Equal(expected, await recorded.ProblemCodesAsync());
        Assert.Equal("application/problem+json", quoted.Content.Headers.ContentType?.MediaType);
    }

    private object Basket(int memberId, int quantity) => new { memberId, lines = new[] { new { productId = app.Products[0].Id, quantity } } };

    public static async Task<(int Id, string Card, string PhoneDigits)> CreateMemberAsync(HttpClient client)
    {
        var unique = Random.Shared.Next(1_000_000, 9_999_999);
        var created = await client.PostAsync("/api/v1/members", new { name = $"Api Member {unique}", email = $"m{unique}@api.test", phone = $"+1 555 {unique:0000000}" }, Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var json = await created.JsonAsync();
        return (json.GetProperty("memberId").GetInt32(), json.GetProperty("cardNumber").GetString()!, unique.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<string> DrainAsync(HttpClient client, string list, string cursor)
    {
        while (true)
        {
            var page = await (await client.GetAsync($"/api/v1/changes/{list}?limit=500&cursor={cursor}")).JsonAsync();
            var next = page.GetProperty("cursor").GetString()!;
            if (page.GetProperty("items").GetArrayLength() == 0)
            {
                return next;
            }
            cursor = next;
        }
    }
}
