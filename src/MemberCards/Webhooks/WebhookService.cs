using System.Security.Claims;
using System.Security.Cryptography;
using MemberCards.Accounts;
using MemberCards.Auditing;
using MemberCards.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Webhooks;

public sealed record WebhookSubscriptionRow(int Id, string Url, WebhookEventTypes Events, bool Active, DateTime CreatedAt, string CreatedBy);

/// <param name="Secret">Null to have one made; the secret is shown this once.</param>
public sealed record NewWebhookSubscription(string Url, WebhookEventTypes Events, string? Secret = null);

public sealed record CreatedWebhookSubscription(int Id, string Secret);

/// <summary>Managers' webhook subscriptions. The secret is kept encrypted (<see cref="WebhookSecrets"/>) and never listed.</summary>
public sealed class WebhookService(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock, WebhookTargets targets, WebhookSecrets secrets)
{
    public const string EventsField = nameof(WebhookSubscription.Events);
    public const string SecretField = "Secret";
    public const int SecretMinLength = 16;
    public const int SecretMaxLength = 200;

    public async Task<IReadOnlyList<WebhookSubscriptionRow>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.Require(user, Roles.Manager);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.WebhookSubscriptions.AsNoTracking().OrderBy(s => s.Id)
            .Select(s => new WebhookSubscriptionRow(s.Id, s.Url, s.Events, s.Active, s.CreatedAt, s.CreatedBy))
            .ToListAsync(cancellationToken);
    }

    public async Task<Result<CreatedWebhookSubscription>> CreateAsync(NewWebhookSubscription input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var by = Access.Require(user, Roles.Manager);
        var secret = string.IsNullOrWhiteSpace(input.Secret) ? WebhookSecrets.Generate() : input.Secret.Trim();
        List<FieldError> errors = [];
        if (targets.Refusal(input.Url) is { } urlError)
        {
            errors.Add(urlError);
        }
        if (input.Events == WebhookEventTypes.None || (input.Events & ~WebhookEventNames.All) != WebhookEventTypes.None)
        {
            errors.Add(new FieldError(EventsField, MessageCode.WebhookEventsRequired));
        }
        if (secret.Length is < SecretMinLength or > SecretMaxLength)
        {
            errors.Add(new FieldError(SecretField, MessageCode.WebhookSecretLength, SecretMinLength, SecretMaxLength));
        }
        if (errors.Count > 0)
        {
            return Result<CreatedWebhookSubscription>.Refused(errors);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var subscription = new WebhookSubscription
        {
            Url = input.Url.Trim(),
            ProtectedSecret = secrets.Protect(secret),
            Events = input.Events,
            CreatedAt = clock.UtcNow,
            CreatedBy = by,
        };
        db.WebhookSubscriptions.Add(subscription);
        await db.SaveChangesAsync(cancellationToken);
        AuditLog.Add(db, subscription.CreatedAt, by, AuditActions.WebhookCreated, nameof(WebhookSubscription), subscription.Id,
            new { subscription.Url, Events = WebhookEventNames.Of(input.Events).ToList() });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<CreatedWebhookSubscription>.Ok(new CreatedWebhookSubscription(subscription.Id, secret));
    }

    /// <summary>Pauses (nothing new is sent to it; deliveries already made wait) or resumes a subscription.</summary>
    public async Task<Result<int>> SetActiveAsync(int subscriptionId, bool active, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var by = Access.Require(user, Roles.Manager);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.WebhookSubscriptions.Where(s => s.Id == subscriptionId).ExecuteUpdateAsync(set => set.SetProperty(s => s.Active, active), cancellationToken) == 0)
        {
            return Result<int>.Refused("", MessageCode.WebhookNotFound);
        }
        AuditLog.Add(db, clock.UtcNow, by, active ? AuditActions.WebhookResumed : AuditActions.WebhookPaused, nameof(WebhookSubscription), subscriptionId, null);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<int>.Ok(subscriptionId);
    }
}

/// <summary>
/// Webhook secrets, encrypted with ASP.NET Data Protection: its key ring lives with the database (a folder beside the
/// SQLite file; the PostgreSQL database every instance shares), so any instance can sign with a secret another saved.
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider protection)
{
    private const string Start = "whsec_";
    private readonly IDataProtector _protector = protection.CreateProtector("MemberCards.Webhooks.Secret");

    public static string Generate() => Start + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
