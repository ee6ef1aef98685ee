using MemberCards.Auditing;
using MemberCards.Campaigns;
using MemberCards.CardValue;
using MemberCards.Data;
using MemberCards.Members;
using MemberCards.Products;
using MemberCards.Purchases;
using MemberCards.Reports;
using Microsoft.EntityFrameworkCore;
using MemberCards.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace MemberCards;

public static class ServiceCollectionExtensions
{
    /// <summary>Registers the database and every feature service. Options must be bound by the host.</summary>
    public static IServiceCollection AddMemberCards(this IServiceCollection services, string connectionString, DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        services.AddSingleton<Webhooks.WebhookSignal>();
        services.AddSingleton<Webhooks.WebhookCommitInterceptor>();
        services.AddDbContextFactory<MemberCardsDb>((services, options) => options.UseMemberCardsDatabase(provider, connectionString)
            .AddInterceptors(services.GetRequiredService<Webhooks.WebhookCommitInterceptor>()));
        if (provider == DatabaseProvider.PostgreSql)
        {
            services.AddDbContextFactory<DataProtectionKeysDb>(options => options.UseNpgsql(connectionString, npgsql => npgsql
                .MigrationsAssembly(DatabaseConfiguration.PostgreSqlMigrationsAssembly)
                .MigrationsHistoryTable(DataProtectionKeysDb.HistoryTable)));
            services.AddSingleton<PostgreSqlFeedRelay>();
            services.AddHostedService(provider => provider.GetRequiredService<PostgreSqlFeedRelay>());
        }
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<StoreClock>();
        services.AddSingleton<PurchaseFeed>();
        services.AddScoped<DatabaseStartup>();
        services.AddScoped<ApiKeys.ApiKeyService>();
        services.AddScoped<ApiKeys.ApiRequestLog>();
        services.AddScoped<DemoData>();
        services.AddScoped<MemberService>();
        services.AddScoped<MemberSearch>();
        services.AddScoped<MemberCardService>();
        services.AddScoped<MemberProfile>();
        services.AddScoped<Merging.MergeService>();
        services.AddScoped<Merging.DuplicateFinder>();
        services.AddScoped<Merging.MergeHistory>();
        services.AddScoped<FiguresCheck>();
        services.AddScoped<PostgreSqlMove>();
        services.AddScoped<PurchaseService>();
        services.AddScoped<PurchaseImport>();
        services.AddScoped<Import.MemberImport>();
        services.AddScoped<Import.PurchaseHistoryImport>();
        services.AddScoped<Import.ImportService>();
        services.AddScoped<Import.ImportColumnNamesService>();
        services.AddScoped<PurchaseSearch>();
        services.AddScoped<PurchaseChanges>();
        services.AddScoped<MemberLookup>();
        services.AddScoped<ProductService>();
        services.AddScoped<SpendReport>();
        services.AddScoped<KpiReport>();
        services.AddScoped<ActivityReport>();
        services.AddScoped<SalesMixReport>();
        services.AddScoped<DashboardReport>();
        services.AddScoped<LiabilityReport>();
        services.AddScoped<SegmentService>();
        services.AddScoped<SegmentExport>();
        services.AddScoped<SavedSegmentService>();
        services.AddScoped<AuditService>();
        services.AddScoped<Accounts.SessionService>();
        services.AddSingleton<Accounts.TwoFactorPolicy>();
        services.AddScoped<TopUpService>();
        services.AddScoped<CardRulesService>();
        services.AddScoped<CardValueService>();
        services.AddScoped<PointsExpiry>();
        services.AddHostedService<PointsExpiryJob>();
        services.AddScoped<Tiers.TierService>();
        services.AddScoped<Tiers.TierReview>();
        services.AddScoped<Tiers.MemberTierService>();
        services.AddHostedService<Tiers.TierReviewJob>();
        services.AddScoped<Coupons.CouponTemplateService>();
        services.AddScoped<Coupons.CouponIssueService>();
        services.AddScoped<Coupons.MemberCouponService>();
        services.AddScoped<Coupons.CouponResultsService>();
        services.AddScoped<Coupons.CouponExpiry>();
        services.AddHostedService<Coupons.CouponExpiryJob>();
        services.AddScoped<DatabaseReadiness>();
        services.AddScoped<Backups.BackupService>();
        services.AddHostedService<Backups.BackupJob>();
        services.AddSingleton<Recommendations.AffinityCache>();
        services.AddScoped<Recommendations.RecommendationBuilder>();
        services.AddScoped<Recommendations.RecommendationService>();
        services.AddScoped<Recommendations.RecommendationEvaluation>();
        services.AddHostedService<Recommendations.RecommendationJob>();
        // The web host registers its own first (private targets allowed in Development only); a host that doesn't refuses them.
        services.TryAddSingleton(new Webhooks.WebhookTargets(AllowPrivate: false));
        services.AddSingleton<Webhooks.WebhookSecrets>();
        services.AddScoped<Webhooks.WebhookService>();
        services.AddScoped<Webhooks.WebhookDeliveryLog>();
        services.AddSingleton<Webhooks.WebhookDeliveries>();
        services.AddSingleton<Webhooks.WebhookSender>();
        services.AddWebhookHttp();
        services.AddHostedService<Webhooks.WebhookWorker>();
        return services;
    }
}
