using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Auditing;

public sealed record AuditRow(long Id, DateTime At, string UserName, string Action, string EntityType, string? EntityId, string? Details, string? SourceAddress);

/// <summary>Filters for the audit page; dates are the store's local days, both ends included.</summary>
public sealed record AuditQuery(string? UserName = null, string? Action = null, string? EntityType = null, DateOnly? From = null, DateOnly? To = null, int Page = 0, int PageSize = 50);

public sealed record AuditListPage(IReadOnlyList<AuditRow> Rows, int Total);

public sealed class AuditService(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock)
{
    /// <summary>Audit entries, newest first, filtered and paged in SQL. Managers only.</summary>
    public async Task<AuditListPage> SearchAsync(AuditQuery query, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        Access.Require(user, Roles.Manager);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.UserName))
        {
            // Lower case on both sides: LIKE ignores case in SQLite (ASCII) but not in PostgreSQL.
            var pattern = "%" + LikePattern.Escape(query.UserName.Trim()).ToLowerInvariant() + "%";
#pragma warning disable CA1304, CA1311 // SQL lower(), not .NET's: EF Core translates only the culture-free overload.
            entries = entries.Where(e => EF.Functions.Like(e.UserName.ToLower(), pattern, LikePattern.EscapeCharacter));
#pragma warning restore CA1304, CA1311
        }
        if (!string.IsNullOrEmpty(query.Action))
        {
            entries = entries.Where(e => e.Action == query.Action);
        }
        if (!string.IsNullOrEmpty(query.EntityType))
        {
            entries = entries.Where(e => e.EntityType == query.EntityType);
        }
        if (query.From is { } from)
        {
            var start = clock.StartOfDayUtc(from);
            entries = entries.Where(e => e.At >= start);
        }
        if (query.To is { } to)
        {
            var end = clock.StartOfDayUtc(to.AddDays(1));
            entries = entries.Where(e => e.At < end);
        }
        var total = await entries.CountAsync(cancellationToken);
        var rows = await entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip(query.Page * query.PageSize).Take(query.PageSize)
            .Select(e => new AuditRow(e.Id, e.At, e.UserName, e.Action, e.EntityType, e.EntityId, e.Details, e.SourceAddress))
            .ToListAsync(cancellationToken);
        return new AuditListPage(rows, total);
    }

    /// <summary>
    /// Records a failed sign-in. It needs no role, since nobody is signed in when a sign-in fails, and so it writes
    /// only this one kind of entry: callers can't use it to put other actions in anyone's name.
    /// </summary>
    public Task RecordFailedSignInAsync(string userName, bool lockedOut, string? sourceAddress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        var name = userName.Trim();
        return WriteAsync(name, AuditActions.SignInFailed, "User", name, new { Reason = lockedOut ? "locked out" : "wrong email or password" }, sourceAddress, cancellationToken);
    }

    /// <summary>The password was right, the second factor's code was not (or the account is locked).</summary>
    public Task RecordFailedCodeAsync(string userName, bool lockedOut, string? sourceAddress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        return WriteAsync(userName, AuditActions.SignInFailed, "User", userName, new { Reason = lockedOut ? "locked out" : "wrong code" }, sourceAddress, cancellationToken);
    }

    /// <summary>
    /// Records an action that was not saved through the app's own DbContext (Identity's user changes). Internal: its
    /// callers in this assembly check the actor's role themselves before they change anything.
    /// </summary>
    internal async Task WriteAsync(string userName, string action, string entityType, object? entityId, object? details, string? sourceAddress, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        AuditLog.Add(db, clock.UtcNow, userName, action, entityType, entityId, details, sourceAddress);
        await db.SaveChangesAsync(cancellationToken);
    }
}
