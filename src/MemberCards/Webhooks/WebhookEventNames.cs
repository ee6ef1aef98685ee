namespace MemberCards.Webhooks;

/// <summary>The event types as receivers (and the X-MemberCards-Event-Type header) name them.</summary>
public static class WebhookEventNames
{
    public const string PurchaseRecorded = "purchase.recorded";
    public const string PurchaseVoided = "purchase.voided";
    public const string MemberCreated = "member.created";
    public const string BalanceChanged = "balance.changed";
    public const string TierChanged = "tier.changed";
    public const string CouponIssued = "coupon.issued";
    public const string CouponRedeemed = "coupon.redeemed";

    public static IReadOnlyDictionary<WebhookEventTypes, string> Names { get; } = new Dictionary<WebhookEventTypes, string>
    {
        [WebhookEventTypes.PurchaseRecorded] = PurchaseRecorded,
        [WebhookEventTypes.PurchaseVoided] = PurchaseVoided,
        [WebhookEventTypes.MemberCreated] = MemberCreated,
        [WebhookEventTypes.BalanceChanged] = BalanceChanged,
        [WebhookEventTypes.TierChanged] = TierChanged,
        [WebhookEventTypes.CouponIssued] = CouponIssued,
        [WebhookEventTypes.CouponRedeemed] = CouponRedeemed,
    };

    public static WebhookEventTypes All { get; } = Names.Keys.Aggregate((a, b) => a | b);

    public static IEnumerable<string> Of(WebhookEventTypes types) => Names.Where(n => types.HasFlag(n.Key)).Select(n => n.Value);

    public static WebhookEventTypes TypeOf(string name) => Names.FirstOrDefault(n => n.Value == name).Key;
}
