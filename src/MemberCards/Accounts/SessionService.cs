using MemberCards.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Accounts;

public sealed record SessionRow(long Id, DateTime SignedInAt, DateTime LastSeenAt, string Browser, string? Address, bool IsCurrent);

/// <summary>The browsers a user is signed in on (<see cref="UserSession"/>), recorded by the sign-in cookie's events.</summary>
public sealed class SessionService(IDbContextFactory<MemberCardsDb> dbs, TimeProvider time)
{
    /// <summary>Records a sign-in; forgets the user's sessions that have ended since (old stamp, or unseen for a cookie's lifetime).</summary>
    public async Task<long> StartAsync(string userId, string securityStamp, string browser, string? address, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var seenSince = now - SignInPolicy.SessionLifetime;
        await db.UserSessions.Where(s => s.UserId == userId && (s.SecurityStamp != securityStamp || s.LastSeenAt < seenSince))
            .ExecuteDeleteAsync(cancellationToken);
        var session = new UserSession
        {
            UserId = userId,
            SignedInAt = now,
            LastSeenAt = now,
            Browser = browser.Length <= UserSession.BrowserLength ? browser : browser[..UserSession.BrowserLength],
            Address = address is { Length: > UserSession.AddressLength } ? address[..UserSession.AddressLength] : address,
            SecurityStamp = securityStamp,
        };
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return session.Id;
    }

    /// <summary>The session goes on (its cookie was renewed, perhaps with a new stamp); false when it is no longer recorded.</summary>
    public async Task<bool> RenewAsync(long sessionId, string userId, string securityStamp, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await db.UserSessions.Where(s => s.Id == sessionId && s.UserId == userId)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.LastSeenAt, now).SetProperty(s => s.SecurityStamp, securityStamp), cancellationToken) == 1;
    }

    /// <summary>The user's sessions that still count, the most recently seen first, the current one marked.</summary>
    public async Task<IReadOnlyList<SessionRow>> ListAsync(string userId, long? currentId, CancellationToken cancellationToken)
    {
        var seenSince = time.GetUtcNow().UtcDateTime - SignInPolicy.SessionLifetime;
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var stamp = await db.Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleOrDefaultAsync(cancellationToken);
        return await db.UserSessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.SecurityStamp == stamp && s.LastSeenAt >= seenSince)
            .OrderByDescending(s => s.LastSeenAt).ThenByDescending(s => s.Id)
            .Select(s => new SessionRow(s.Id, s.SignedInAt, s.LastSeenAt, s.Browser, s.Address, s.Id == currentId))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Signing out forgets the session.</summary>
    public async Task EndAsync(long sessionId, string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        await db.UserSessions.Where(s => s.Id == sessionId && s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
    }
}
