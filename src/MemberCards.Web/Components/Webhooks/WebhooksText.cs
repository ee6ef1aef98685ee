namespace MemberCards.Web.Components.Webhooks;

/// <summary>The texts of the webhook pages, in WebhooksText.resx (English) and WebhooksText.zh-CN.resx.</summary>
public sealed class WebhooksText;
