using MemberCards.Accounts;
using MemberCards.ApiKeys;
using MemberCards.Auditing;
using MemberCards.Campaigns;
using MemberCards.CardValue;
using MemberCards.Coupons;
using MemberCards.Members;
using MemberCards.Merging;
using MemberCards.Products;
using MemberCards.Purchases;
using MemberCards.Reports;
using MemberCards.Tiers;
using MemberCards.Webhooks;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Data;

/// <summary>Members, purchases and products, and the sign-in accounts (ASP.NET Core Identity) in the same database.</summary>
public sealed class MemberCardsDb(DbContextOptions<MemberCardsDb> options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<Member> Members => Set<Member>();
    public DbSet<RetiredCard> RetiredCards => Set<RetiredCard>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Purchase> Purchases => Set<Purchase>();
    public DbSet<PurchaseLine> PurchaseLines => Set<PurchaseLine>();
    public DbSet<RevenueBucket> RevenueBuckets => Set<RevenueBucket>();
    public DbSet<ProductSalesDay> ProductSalesDays => Set<ProductSalesDay>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<SavedSegment> SavedSegments => Set<SavedSegment>();
    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();
    public DbSet<TopUp> TopUps => Set<TopUp>();
    public DbSet<TopUpRule> TopUpRules => Set<TopUpRule>();
    public DbSet<PointsRule> PointsRules => Set<PointsRule>();
    public DbSet<PointsLot> PointsLots => Set<PointsLot>();
    public DbSet<PointsLotUse> PointsLotUses => Set<PointsLotUse>();
    public DbSet<PurchaseTender> PurchaseTenders => Set<PurchaseTender>();
    public DbSet<Tier> Tiers => Set<Tier>();
    public DbSet<TierChange> TierChanges => Set<TierChange>();
    public DbSet<CouponTemplate> CouponTemplates => Set<CouponTemplate>();
    public DbSet<CouponIssue> CouponIssues => Set<CouponIssue>();
    public DbSet<Coupon> Coupons => Set<Coupon>();
    public DbSet<CouponControlMember> CouponControlMembers => Set<CouponControlMember>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<ApiRequest> ApiRequests => Set<ApiRequest>();
    public DbSet<MemberMerge> MemberMerges => Set<MemberMerge>();
    public DbSet<MemberMergeMove> MemberMergeMoves => Set<MemberMergeMove>();
    public DbSet<Import.ImportColumnName> ImportColumnNames => Set<Import.ImportColumnName>();
    public DbSet<Recommendations.RecommendationBuild> RecommendationBuilds => Set<Recommendations.RecommendationBuild>();
    public DbSet<Recommendations.ProductAffinity> ProductAffinities => Set<Recommendations.ProductAffinity>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<WebhookEvent> WebhookEvents => Set<WebhookEvent>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<WebhookAttempt> WebhookAttempts => Set<WebhookAttempt>();

    /// <summary>Set by <see cref="WebhookOutbox.Add"/>: the commit of this context's transaction wakes the delivery worker.</summary>
    internal bool WebhookEventsAdded { get; set; }
    public DbSet<UserSession> UserSessions => Set<UserSession>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Instants are stored as UTC Unix milliseconds: integers compare, index and bucket by day in SQL.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcUnixMillisecondsConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcUnixMillisecondsConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<AppUser>().Property(u => u.Language).HasMaxLength(10);
        builder.Entity<Recommendations.RecommendationBuild>().Property(b => b.RequestedBy).HasMaxLength(256);
        builder.Entity<Recommendations.ProductAffinity>(affinity =>
        {
            affinity.HasKey(a => new { a.BuildId, a.ProductId, a.OtherProductId });
            affinity.HasOne<Recommendations.RecommendationBuild>().WithMany().HasForeignKey(a => a.BuildId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<UserSession>(session =>
        {
            session.Property(s => s.UserId).HasMaxLength(450);
            session.Property(s => s.Browser).HasMaxLength(UserSession.BrowserLength);
            session.Property(s => s.Address).HasMaxLength(UserSession.AddressLength);
            session.Property(s => s.SecurityStamp).HasMaxLength(256);
            session.HasIndex(s => s.UserId);
            session.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<ApiKey>(key =>
        {
            key.Property(k => k.Name).HasMaxLength(ApiKey.NameLength);
            key.HasIndex(k => k.Name).IsUnique();
            key.Property(k => k.Prefix).HasMaxLength(ApiKeySecret.PrefixLength);
            key.HasIndex(k => k.Prefix).IsUnique();
            key.Property(k => k.CreatedBy).HasMaxLength(256);
            key.Property(k => k.RevokedBy).HasMaxLength(256);
        });
        builder.Entity<ApiRequest>(request =>
        {
            request.Property(r => r.Key).HasMaxLength(ApiRequest.KeyLength);
            request.HasIndex(r => new { r.ApiKeyId, r.Key }).IsUnique();
            request.HasOne<ApiKey>().WithMany().HasForeignKey(r => r.ApiKeyId);
        });
        ConfigureWebhooks(builder);
        builder.Entity<Member>(member =>
        {
            member.Property(m => m.CardNumber).HasMaxLength(CardNumber.Length);
            member.HasIndex(m => m.CardNumber).IsUnique();
            member.Property(m => m.Name).HasMaxLength(MemberLimits.NameLength);
            member.Property(m => m.SearchName).HasMaxLength(MemberLimits.NameLength * 2);
            member.Property(m => m.SearchPinyin).HasMaxLength(MemberLimits.NameLength * 6);
            member.Property(m => m.SearchInitials).HasMaxLength(MemberLimits.NameLength);
            member.Property(m => m.Email).HasMaxLength(MemberLimits.EmailLength);
            member.Property(m => m.Phone).HasMaxLength(PhoneNumber.MaxDigits + 1);
            member.Property(m => m.Notes).HasMaxLength(MemberLimits.NotesLength);
            member.Property(m => m.Version).IsConcurrencyToken();
            // Email and phone are unique among open memberships; a closed one frees them for a new card.
            member.HasIndex(m => m.Phone).IsUnique().HasFilter("\"Phone\" IS NOT NULL AND \"Status\" <> 2");
            member.HasIndex(m => m.Email).IsUnique().HasFilter("\"Email\" IS NOT NULL AND \"Status\" <> 2");
            member.HasIndex(m => m.TotalSpentMinor);
            member.HasIndex(m => m.SearchName);
            member.HasIndex(m => m.LastPurchaseAt);
            // The grid's joined sort and filter, and the dashboard's new members per month and members per tier.
            member.HasIndex(m => m.JoinedAt);
            member.HasIndex(m => new { m.TierId, m.Status });
            member.HasOne(m => m.Tier).WithMany().HasForeignKey(m => m.TierId).OnDelete(DeleteBehavior.Restrict);
            member.HasOne<Tier>().WithMany().HasForeignKey(m => m.TierFloorId).OnDelete(DeleteBehavior.Restrict);
            // The nightly review reads the members whose kept-until date has passed.
            member.HasIndex(m => m.TierKeptUntil).HasFilter("\"TierKeptUntil\" IS NOT NULL");
            member.HasIndex(m => m.Points);
            // The liability report's stored value outstanding, read from the members who hold any.
            member.HasIndex(m => new { m.PrincipalMinor, m.BonusMinor }, "IX_Members_HoldingValue").HasFilter(LiabilitySql.HoldsValue);
            member.ToTable(t =>
            {
                t.HasCheckConstraint("CK_Members_StoredValue", "\"PrincipalMinor\" >= 0 AND \"BonusMinor\" >= 0");
            });
        });

        OnCardValueCreating(builder);
        OnTiersCreating(builder);
        OnCouponsCreating(builder);
        OnMergesCreating(builder);
        builder.Entity<Import.ImportColumnName>(name =>
        {
            name.HasKey(n => new { n.Kind, n.Field });
            name.Property(n => n.Kind).HasConversion<string>().HasMaxLength(20);
            name.Property(n => n.Field).HasConversion<string>().HasMaxLength(30);
            name.Property(n => n.Header).HasMaxLength(Import.ImportColumnNamesService.HeaderLength);
            name.Property(n => n.SavedBy).HasMaxLength(256);
        });

        builder.Entity<RetiredCard>(card =>
        {
            card.Property(c => c.CardNumber).HasMaxLength(RetiredCard.NumberLength);
            // Stored by name ("Lost"): a code the UI translates, never a sentence in one language.
            card.Property(c => c.Reason).HasConversion<string>().HasMaxLength(50);
            card.HasIndex(c => c.CardNumber).IsUnique();
            card.HasIndex(c => c.MemberId);
            card.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<SavedSegment>(segment =>
        {
            segment.Property(s => s.Name).HasMaxLength(100);
            segment.Property(s => s.CreatedBy).HasMaxLength(256);
            segment.Property(s => s.Version).IsConcurrencyToken();
            segment.HasIndex(s => s.Name).IsUnique();
        });

        builder.Entity<Product>(product =>
        {
            product.Property(p => p.Version).IsConcurrencyToken();
            product.Property(p => p.Name).HasMaxLength(100);
            product.Property(p => p.Category).HasMaxLength(50);
            product.HasIndex(p => p.Name).IsUnique();
        });

        builder.Entity<Purchase>(purchase =>
        {
            purchase.Property(p => p.RecordedBy).HasMaxLength(256);
            purchase.Property(p => p.VoidedBy).HasMaxLength(256);
            purchase.Property(p => p.VoidReason).HasMaxLength(500);
            purchase.HasIndex(p => p.IdempotencyKey).IsUnique().HasFilter("\"IdempotencyKey\" IS NOT NULL");
            // The API's change list reads voids in the order they happened.
            purchase.HasIndex(p => new { p.VoidedAt, p.Id }).HasFilter("\"VoidedAt\" IS NOT NULL");
            purchase.HasOne(p => p.Member).WithMany().OnDelete(DeleteBehavior.Restrict);
            purchase.HasMany(p => p.Lines).WithOne().HasForeignKey(l => l.PurchaseId).OnDelete(DeleteBehavior.Restrict);
            // A member's history, newest first, their figures recomputed without touching other rows, and
            // per-member spend in a period (segments) read from the index alone (covering: void marker, total).
            purchase.HasIndex(p => new { p.MemberId, p.PurchasedAt, p.VoidedAt, p.TotalMinor });
            // Revenue over a time range reads only this index (covering: time, void marker, total).
            purchase.HasIndex(p => new { p.PurchasedAt, p.VoidedAt, p.TotalMinor });
        });

        builder.Entity<AuditEntry>(entry =>
        {
            entry.Property(e => e.UserName).HasMaxLength(256);
            entry.Property(e => e.Action).HasMaxLength(50);
            entry.Property(e => e.EntityType).HasMaxLength(50);
            entry.Property(e => e.EntityId).HasMaxLength(100);
            entry.Property(e => e.SourceAddress).HasMaxLength(64);
            entry.HasIndex(e => e.At);
            entry.HasIndex(e => new { e.UserName, e.At });
            entry.HasIndex(e => new { e.EntityType, e.EntityId });
        });

        builder.Entity<RevenueBucket>(bucket =>
        {
            bucket.HasKey(b => b.StartMs);
            bucket.Property(b => b.StartMs).ValueGeneratedNever();
        });

        builder.Entity<ProductSalesDay>(day =>
        {
            day.HasKey(d => new { d.DayMs, d.ProductId, d.Category });
            day.Property(d => d.Category).HasMaxLength(50);
        });

        builder.Entity<PurchaseLine>(line =>
        {
            line.Property(l => l.ProductName).HasMaxLength(100);
            line.Property(l => l.Category).HasMaxLength(50);
            line.HasOne<Product>().WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
            // Covering indexes for the purchases page's product and category filters (ids of the purchases that sold it).
            line.HasIndex(l => new { l.ProductId, l.PurchaseId });
            line.HasIndex(l => new { l.Category, l.PurchaseId });
        });
    }

    private static void OnTiersCreating(ModelBuilder builder)
    {
        builder.Entity<Tier>(tier =>
        {
            tier.Property(t => t.Name).HasMaxLength(TierRules.NameLength);
            tier.Property(t => t.Preset).HasConversion<string>().HasMaxLength(20);
            tier.Property(t => t.Measure).HasConversion<string>().HasMaxLength(30);
            tier.Property(t => t.Version).IsConcurrencyToken();
            tier.HasIndex(t => t.Rank).IsUnique();
        });

        builder.Entity<TierChange>(change =>
        {
            change.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
            change.Property(c => c.By).HasMaxLength(256);
            change.Property(c => c.Reason).HasMaxLength(500);
            change.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Restrict);
            change.HasOne<Tier>().WithMany().HasForeignKey(c => c.FromTierId).OnDelete(DeleteBehavior.Restrict);
            change.HasOne<Tier>().WithMany().HasForeignKey(c => c.ToTierId).OnDelete(DeleteBehavior.Restrict);
            change.HasOne<Purchase>().WithMany().HasForeignKey(c => c.PurchaseId).OnDelete(DeleteBehavior.Restrict);
            change.HasOne<TopUp>().WithMany().HasForeignKey(c => c.TopUpId).OnDelete(DeleteBehavior.Restrict);
            // A member's history newest first (and the void's walk back through recent upgrades).
            change.HasIndex(c => new { c.MemberId, c.Id });
        });
    }

    private static void OnMergesCreating(ModelBuilder builder)
    {
        // No foreign key: on SQLite adding one rebuilds the members table; the merge service is the only writer.
        builder.Entity<Member>().HasIndex(m => m.MergedIntoId).HasFilter("\"MergedIntoId\" IS NOT NULL");
        builder.Entity<MemberMerge>(merge =>
        {
            merge.Property(m => m.MergedBy).HasMaxLength(256);
            merge.Property(m => m.UnmergedBy).HasMaxLength(256);
            merge.HasOne<Member>().WithMany().HasForeignKey(m => m.KeptMemberId).OnDelete(DeleteBehavior.Restrict);
            merge.HasOne<Member>().WithMany().HasForeignKey(m => m.AbsorbedMemberId).OnDelete(DeleteBehavior.Restrict);
            merge.HasOne<Tier>().WithMany().HasForeignKey(m => m.KeptTierId).OnDelete(DeleteBehavior.Restrict);
            merge.HasIndex(m => m.MergedAt);
            merge.HasIndex(m => m.KeptMemberId);
            merge.HasIndex(m => m.AbsorbedMemberId);
        });
        builder.Entity<MemberMergeMove>(move =>
        {
            move.HasKey(m => new { m.MergeId, m.Kind, m.RowId });
            // Stored by name: the merge's SQL writes and reads the kinds as text ('Purchase').
            move.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
            move.HasOne<MemberMerge>().WithMany().HasForeignKey(m => m.MergeId).OnDelete(DeleteBehavior.Restrict);
        });
    }

    private static void OnCouponsCreating(ModelBuilder builder)
    {
        builder.Entity<CouponTemplate>(template =>
        {
            template.Property(t => t.Name).HasMaxLength(CouponTemplateRules.NameLength);
            template.HasIndex(t => t.Name).IsUnique();
            template.Property(t => t.Kind).HasConversion<string>().HasMaxLength(20);
            template.Property(t => t.Trigger).HasConversion<string>().HasMaxLength(20);
            template.Property(t => t.CreatedBy).HasMaxLength(256);
            template.Property(t => t.Version).IsConcurrencyToken();
            template.HasOne(t => t.FreeProduct).WithMany().HasForeignKey(t => t.FreeProductId).OnDelete(DeleteBehavior.Restrict);
            template.HasOne(t => t.MinTier).WithMany().HasForeignKey(t => t.MinTierId).OnDelete(DeleteBehavior.Restrict);
            template.HasOne<Tier>().WithMany().HasForeignKey(t => t.TriggerTierId).OnDelete(DeleteBehavior.Restrict);
            template.ToTable(t => t.HasCheckConstraint("CK_CouponTemplates_Quantity", "\"TotalQuantity\" IS NULL OR \"IssuedCount\" <= \"TotalQuantity\""));
        });

        builder.Entity<CouponIssue>(issue =>
        {
            issue.Property(i => i.Source).HasConversion<string>().HasMaxLength(20);
            issue.Property(i => i.SegmentName).HasMaxLength(SavedSegmentService.NameLength);
            issue.Property(i => i.IssuedBy).HasMaxLength(256);
            issue.HasOne(i => i.Template).WithMany().HasForeignKey(i => i.TemplateId).OnDelete(DeleteBehavior.Restrict);
            issue.HasIndex(i => new { i.TemplateId, i.Source });
        });

        builder.Entity<Coupon>(coupon =>
        {
            coupon.Property(c => c.Code).HasMaxLength(CouponCode.Length);
            coupon.HasIndex(c => c.Code).IsUnique();
            coupon.Property(c => c.State).HasConversion<string>().HasMaxLength(20);
            coupon.Property(c => c.EndedBy).HasMaxLength(256);
            coupon.HasOne(c => c.Template).WithMany().HasForeignKey(c => c.TemplateId).OnDelete(DeleteBehavior.Restrict);
            coupon.HasOne<CouponIssue>().WithMany().HasForeignKey(c => c.IssueId).OnDelete(DeleteBehavior.Restrict);
            coupon.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Restrict);
            coupon.HasOne<Purchase>().WithMany().HasForeignKey(c => c.PurchaseId).OnDelete(DeleteBehavior.Restrict);
            coupon.HasOne<TopUp>().WithMany().HasForeignKey(c => c.TopUpId).OnDelete(DeleteBehavior.Restrict);
            // A member's usable coupons at the till (all three columns: without statistics SQLite otherwise picks the
            // expiry index and reads every issued coupon); an issue's results; the expiry job; the per-member limit; a void.
            coupon.HasIndex(c => new { c.MemberId, c.State, c.ValidTo });
            coupon.HasIndex(c => new { c.IssueId, c.State });
            coupon.HasIndex(c => new { c.State, c.ValidTo });
            coupon.HasIndex(c => new { c.TemplateId, c.MemberId });
            coupon.HasIndex(c => c.PurchaseId).HasFilter("\"PurchaseId\" IS NOT NULL");
        });

        builder.Entity<CouponControlMember>(control =>
        {
            control.HasKey(c => new { c.IssueId, c.MemberId });
            control.HasOne<CouponIssue>().WithMany().HasForeignKey(c => c.IssueId).OnDelete(DeleteBehavior.Restrict);
            control.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Restrict);
        });
    }

    private static void OnCardValueCreating(ModelBuilder builder)
    {
        builder.Entity<LedgerEntry>(entry =>
        {
            entry.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
            entry.Property(e => e.By).HasMaxLength(256);
            entry.Property(e => e.Reason).HasMaxLength(500);
            entry.HasOne<Member>().WithMany().HasForeignKey(e => e.MemberId).OnDelete(DeleteBehavior.Restrict);
            entry.HasOne<Purchase>().WithMany().HasForeignKey(e => e.PurchaseId).OnDelete(DeleteBehavior.Restrict);
            entry.HasOne<TopUp>().WithMany().HasForeignKey(e => e.TopUpId).OnDelete(DeleteBehavior.Restrict);
            entry.HasOne<LedgerEntry>().WithMany().HasForeignKey(e => e.ReversesEntryId).OnDelete(DeleteBehavior.Restrict);
            // A member's ledger newest first; a purchase's or top-up's entries for its void.
            entry.HasIndex(e => new { e.MemberId, e.Id });
            entry.HasIndex(e => e.PurchaseId).HasFilter("\"PurchaseId\" IS NOT NULL");
            entry.HasIndex(e => e.TopUpId).HasFilter("\"TopUpId\" IS NOT NULL");
            // A manager's adjustments today (the daily limit).
            entry.HasIndex(e => new { e.At, e.Kind });
            // Top-ups and card spend per day (the liability report), read from the index alone.
            entry.HasIndex(e => new { e.Kind, e.At, e.TopUpId, e.PrincipalDeltaMinor, e.BonusDeltaMinor }, "IX_LedgerEntries_MoneyMoves").HasFilter(LiabilitySql.MovesMoney);
        });

        builder.Entity<TopUp>(topUp =>
        {
            topUp.Property(t => t.Method).HasConversion<string>().HasMaxLength(20);
            topUp.Property(t => t.MethodLabel).HasMaxLength(50);
            topUp.Property(t => t.RecordedBy).HasMaxLength(256);
            topUp.Property(t => t.VoidedBy).HasMaxLength(256);
            topUp.Property(t => t.VoidReason).HasMaxLength(500);
            topUp.HasIndex(t => t.IdempotencyKey).IsUnique().HasFilter("\"IdempotencyKey\" IS NOT NULL");
            topUp.HasIndex(t => new { t.MemberId, t.At });
            topUp.HasOne<Member>().WithMany().HasForeignKey(t => t.MemberId).OnDelete(DeleteBehavior.Restrict);
            topUp.HasOne<TopUpRule>().WithMany().HasForeignKey(t => t.RuleId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<TopUpRule>().HasOne<CouponTemplate>().WithMany().HasForeignKey(r => r.GiftCouponTemplateId).OnDelete(DeleteBehavior.Restrict);

        builder.Entity<TopUpRule>(rule => rule.Property(r => r.Version).IsConcurrencyToken());
        builder.Entity<PointsRule>(rule =>
        {
            rule.Property(r => r.Expiry).HasConversion<string>().HasMaxLength(30);
            rule.Property(r => r.Version).IsConcurrencyToken();
        });

        builder.Entity<PointsLot>(lot =>
        {
            lot.HasOne<Member>().WithMany().HasForeignKey(l => l.MemberId).OnDelete(DeleteBehavior.Restrict);
            lot.HasOne(l => l.Entry).WithMany().HasForeignKey(l => l.EntryId).OnDelete(DeleteBehavior.Restrict);
            lot.HasIndex(l => l.EntryId);
            // A member's open lots, the expiry job's lots of a day and the points expiring soon (the liability
            // report, from the index alone): all read only lots still holding points.
            lot.HasIndex(l => new { l.MemberId, l.ExpiresOn }).HasFilter("\"RemainingPoints\" > 0");
            lot.HasIndex(l => new { l.ExpiresOn, l.RemainingPoints }).HasFilter("\"RemainingPoints\" > 0");
            // Every lot of a member, spent ones too: a merge moves them all (a void may give points back to a spent one).
            lot.HasIndex(l => l.MemberId);
            lot.ToTable(t => t.HasCheckConstraint("CK_PointsLots_Remaining", "\"RemainingPoints\" >= 0"));
        });

        builder.Entity<PointsLotUse>(use =>
        {
            use.HasOne(u => u.Entry).WithMany().HasForeignKey(u => u.EntryId).OnDelete(DeleteBehavior.Restrict);
            use.HasOne(u => u.Lot).WithMany().HasForeignKey(u => u.LotId).OnDelete(DeleteBehavior.Restrict);
            use.HasIndex(u => u.EntryId);
        });

        builder.Entity<PurchaseTender>(tender =>
        {
            tender.Property(t => t.Method).HasConversion<string>().HasMaxLength(20);
            tender.Property(t => t.Label).HasMaxLength(50);
            tender.HasOne<Purchase>().WithMany(p => p.Tenders).HasForeignKey(t => t.PurchaseId).OnDelete(DeleteBehavior.Restrict);
            tender.HasIndex(t => t.PurchaseId);
        });
    }

    private static void ConfigureWebhooks(ModelBuilder builder)
    {
        builder.Entity<WebhookSubscription>(subscription =>
        {
            subscription.Property(s => s.Url).HasMaxLength(WebhookSubscription.UrlLength);
            subscription.Property(s => s.ProtectedSecret).HasMaxLength(1000);
            subscription.Property(s => s.CreatedBy).HasMaxLength(256);
        });
        builder.Entity<WebhookEvent>(e =>
        {
            e.Property(w => w.Type).HasMaxLength(WebhookEvent.TypeLength);
            e.HasIndex(w => w.DispatchedAt);
        });
        builder.Entity<WebhookDelivery>(delivery =>
        {
            delivery.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
            delivery.Property(d => d.LastError).HasMaxLength(WebhookDelivery.ErrorLength);
            delivery.HasIndex(d => new { d.EventId, d.SubscriptionId }).IsUnique();
            delivery.HasIndex(d => new { d.Status, d.NextAttemptAt });
        });
        builder.Entity<WebhookAttempt>(attempt =>
        {
            attempt.Property(a => a.Error).HasMaxLength(WebhookDelivery.ErrorLength);
            attempt.HasOne<WebhookDelivery>().WithMany().HasForeignKey(a => a.DeliveryId);
            attempt.HasIndex(a => a.DeliveryId);
        });
    }
}
