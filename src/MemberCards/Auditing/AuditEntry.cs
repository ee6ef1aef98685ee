namespace MemberCards.Auditing;

/// <summary>
/// Who did what to which record, when and from where. Written in the same transaction as the change it
/// describes (added to the same DbContext before its SaveChanges), so there is an entry exactly when the change
/// committed. Nothing in the app edits or deletes an entry.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public required string UserName { get; set; }
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public string? EntityId { get; set; }

    /// <summary>JSON: for a change, each changed field's before and after; otherwise what matters about the action.</summary>
    public string? Details { get; set; }

    public string? SourceAddress { get; set; }
}

public static class AuditActions
{
    public const string MemberCreated = "member.created";
    public const string ApiKeyCreated = "api-key.created";
    public const string ApiKeyRevoked = "api-key.revoked";
    public const string ApiKeyRefused = "api-key.refused";
    public const string MemberChanged = "member.changed";
    public const string CardFrozen = "member.card-frozen";
    public const string CardUnfrozen = "member.card-unfrozen";
    public const string CardReissued = "member.card-reissued";
    public const string MembershipClosed = "member.closed";
    public const string MemberAnonymized = "member.anonymized";
    public const string PurchaseRecorded = "purchase.recorded";
    public const string PurchaseVoided = "purchase.voided";
    public const string PurchasesLoaded = "purchases.loaded";
    public const string MembersImported = "members.imported";
    public const string PurchasesImported = "purchases.imported";
    public const string SignInFailed = "signin.failed";
    public const string UserCreated = "user.created";
    public const string RoleChanged = "user.role-changed";
    public const string UserLocked = "user.locked";
    public const string UserUnlocked = "user.unlocked";
    public const string PasswordReset = "user.password-reset";
    public const string ProductCreated = "product.created";
    public const string ProductChanged = "product.changed";
    public const string ProductDeactivated = "product.deactivated";
    public const string ProductReactivated = "product.reactivated";
    public const string ProductDeleted = "product.deleted";
    public const string SegmentExported = "segment.exported";
    public const string SegmentSaved = "segment.saved";
    public const string SegmentRenamed = "segment.renamed";
    public const string SegmentDeleted = "segment.deleted";
    public const string TopUpRecorded = "card.topped-up";
    public const string TopUpVoided = "card.top-up-voided";
    public const string CardAdjusted = "card.adjusted";
    public const string CardCashedOut = "card.cashed-out";
    public const string CardReopened = "member.reopened";
    public const string TopUpRuleSaved = "rules.top-up-saved";
    public const string PointsRuleSaved = "rules.points-saved";
    public const string PointsExpired = "points.expired";
    public const string TierChanged = "member.tier-changed";
    public const string TiersSaved = "rules.tiers-saved";
    public const string TiersReviewed = "tiers.reviewed";
    public const string BackupMade = "backup.made";
    public const string CouponTemplateSaved = "coupons.template-saved";
    public const string CouponTemplateArchived = "coupons.template-archived";
    public const string CouponsIssued = "coupons.issued";
    public const string CouponRevoked = "coupons.revoked";
    public const string CouponsExpired = "coupons.expired";
    public const string MembersMerged = "member.merged";
    public const string MembersUnmerged = "member.unmerged";
    public const string ImportColumnsSaved = "import.columns-saved";
    public const string WebhookCreated = "webhook.created";
    public const string WebhookPaused = "webhook.paused";
    public const string WebhookResumed = "webhook.resumed";
    public const string WebhookReplayed = "webhook.replayed";
    public const string TwoFactorEnabled = "user.two-factor-enabled";
    public const string TwoFactorDisabled = "user.two-factor-disabled";
    public const string TwoFactorReset = "user.two-factor-reset";

    public static readonly IReadOnlyList<string> All =
        [MemberCreated, MemberChanged, CardFrozen, CardUnfrozen, CardReissued, MembershipClosed, MemberAnonymized, PurchaseRecorded, PurchaseVoided, PurchasesLoaded,
            SignInFailed, UserCreated, RoleChanged, UserLocked, UserUnlocked, PasswordReset,
            ProductCreated, ProductChanged, ProductDeactivated, ProductReactivated, ProductDeleted,
            SegmentExported, SegmentSaved, SegmentRenamed, SegmentDeleted,
            TopUpRecorded, TopUpVoided, CardAdjusted, CardCashedOut, CardReopened, TopUpRuleSaved, PointsRuleSaved, PointsExpired,
            TierChanged, TiersSaved, TiersReviewed, CouponTemplateSaved, CouponTemplateArchived, CouponsIssued, CouponRevoked, CouponsExpired,
            ApiKeyCreated, ApiKeyRevoked, ApiKeyRefused, MembersMerged, MembersUnmerged,
            MembersImported, PurchasesImported, BackupMade, ImportColumnsSaved,
            WebhookCreated, WebhookPaused, WebhookResumed, WebhookReplayed, TwoFactorEnabled, TwoFactorDisabled, TwoFactorReset];
}
