namespace MemberCards.Web.Components.Auditing;

/// <summary>The texts of the Auditing components, in AuditingText.resx (English) and AuditingText.zh-CN.resx.</summary>
public sealed class AuditingText;
