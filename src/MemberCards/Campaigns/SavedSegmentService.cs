using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Auditing;
using MemberCards.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Campaigns;

public sealed record SavedSegmentRow(int Id, string Name, string CreatedBy, DateTime UpdatedAt, int Version);

/// <summary>An opened saved segment: its criteria read from the stored version, to be evaluated on today's data.</summary>
public sealed record OpenedSegment(int Id, string Name, int Version, SegmentCriteria Criteria);

/// <summary>Segment criteria kept under a unique name. Changes carry the Version they were read at; a stale one is refused.</summary>
public sealed class SavedSegmentService(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock)
{
    public const int NameLength = 100;

    public async Task<IReadOnlyList<SavedSegmentRow>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.Require(user, Roles.Campaigns);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.SavedSegments.AsNoTracking().OrderBy(s => s.Name)
            .Select(s => new SavedSegmentRow(s.Id, s.Name, s.CreatedBy, s.UpdatedAt, s.Version)).ToListAsync(cancellationToken);
    }

    /// <summary>The saved criteria, or a refusal when the segment is gone or was saved by a newer version of the app.</summary>
    public async Task<Result<OpenedSegment>> OpenAsync(int id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.Require(user, Roles.Campaigns);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var saved = await db.SavedSegments.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (saved is null)
        {
            return Result<OpenedSegment>.Refused("", MessageCode.SegmentNotFound);
        }
        var criteria = SegmentCriteriaJson.Read(saved.CriteriaVersion, saved.CriteriaJson);
        return criteria is null
            ? Result<OpenedSegment>.Refused("", MessageCode.SegmentUnreadable, saved.Name, saved.CriteriaVersion)
            : Result<OpenedSegment>.Ok(new OpenedSegment(saved.Id, saved.Name, saved.Version, criteria));
    }

    /// <summary>Saves the criteria under a new name.</summary>
    public async Task<Result<OpenedSegment>> CreateAsync(string name, SegmentCriteria criteria, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        var actor = Access.Require(user, Roles.Campaigns);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var nameError = await NameErrorAsync(db, name, null, cancellationToken);
        if (nameError is not null)
        {
            return Result<OpenedSegment>.Refused([nameError]);
        }
        var now = clock.UtcNow;
        var saved = new SavedSegment
        {
            Name = name.Trim(),
            CriteriaJson = SegmentCriteriaJson.Write(criteria),
            CriteriaVersion = SegmentCriteriaJson.CurrentVersion,
            CreatedBy = actor,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.SavedSegments.Add(saved);
        await db.SaveChangesAsync(cancellationToken);
        AuditLog.Add(db, now, actor, AuditActions.SegmentSaved, nameof(SavedSegment), saved.Id, new { saved.Name, Criteria = saved.CriteriaJson });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<OpenedSegment>.Ok(new OpenedSegment(saved.Id, saved.Name, saved.Version, criteria));
    }

    /// <summary>Replaces an opened segment's criteria (the one read at <paramref name="version"/>).</summary>
    public Task<Result<OpenedSegment>> UpdateAsync(int id, int version, SegmentCriteria criteria, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ChangeAsync(id, version, user, AuditActions.SegmentSaved, (saved, _) =>
        {
            saved.CriteriaJson = SegmentCriteriaJson.Write(criteria);
            saved.CriteriaVersion = SegmentCriteriaJson.CurrentVersion;
            return Task.FromResult<FieldError?>(null);
        }, cancellationToken);

    public Task<Result<OpenedSegment>> RenameAsync(int id, int version, string name, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ChangeAsync(id, version, user, AuditActions.SegmentRenamed, async (saved, db) =>
        {
            var error = await NameErrorAsync(db, name, id, cancellationToken);
            saved.Name = name?.Trim() ?? "";
            return error;
        }, cancellationToken);

    /// <summary>Copies a saved segment's criteria under a new name.</summary>
    public async Task<Result<OpenedSegment>> DuplicateAsync(int id, string name, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var opened = await OpenAsync(id, user, cancellationToken);
        return opened.Succeeded ? await CreateAsync(name, opened.Value!.Criteria, user, cancellationToken) : opened;
    }

    public async Task<Result<bool>> DeleteAsync(int id, int version, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var actor = Access.Require(user, Roles.Campaigns);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var saved = await db.SavedSegments.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (saved is null || saved.Version != version)
        {
            return Result<bool>.Refused("", MessageCode.SegmentChanged);
        }
        db.SavedSegments.Remove(saved);
        AuditLog.Add(db, clock.UtcNow, actor, AuditActions.SegmentDeleted, nameof(SavedSegment), id, new { saved.Name, Criteria = saved.CriteriaJson });
        return await SaveAsync(db, true, cancellationToken);
    }

    private async Task<Result<OpenedSegment>> ChangeAsync(int id, int version, ClaimsPrincipal user, string action,
        Func<SavedSegment, MemberCardsDb, Task<FieldError?>> change, CancellationToken cancellationToken)
    {
        var actor = Access.Require(user, Roles.Campaigns);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var saved = await db.SavedSegments.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (saved is null || saved.Version != version)
        {
            return Result<OpenedSegment>.Refused("", MessageCode.SegmentChanged);
        }
        var before = new { saved.Name, Criteria = saved.CriteriaJson };
        var error = await change(saved, db);
        if (error is not null)
        {
            return Result<OpenedSegment>.Refused([error]);
        }
        saved.UpdatedAt = clock.UtcNow;
        saved.Version++;
        AuditLog.Add(db, saved.UpdatedAt, actor, action, nameof(SavedSegment), id, new { Before = before, After = new { saved.Name, Criteria = saved.CriteriaJson } });
        var result = await SaveAsync(db, true, cancellationToken);
        return result.Succeeded
            ? Result<OpenedSegment>.Ok(new OpenedSegment(saved.Id, saved.Name, saved.Version, SegmentCriteriaJson.Read(saved.CriteriaVersion, saved.CriteriaJson)!))
            : Result<OpenedSegment>.Refused(result.Errors);
    }

    // The Version read is the original value EF checks in the UPDATE/DELETE: a change committed in between wins, this one is refused.
    private static async Task<Result<bool>> SaveAsync(MemberCardsDb db, bool value, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return Result<bool>.Ok(value);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<bool>.Refused("", MessageCode.SegmentChanged);
        }
        catch (DbUpdateException)
        {
            return Result<bool>.Refused("Name", MessageCode.SegmentNameTaken);
        }
    }

    private static async Task<FieldError?> NameErrorAsync(MemberCardsDb db, string? name, int? exceptId, CancellationToken cancellationToken)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return new FieldError("Name", MessageCode.SegmentNameRequired);
        }
        if (trimmed.Length > NameLength)
        {
            return new FieldError("Name", MessageCode.SegmentNameTooLong, NameLength);
        }
        // Names compare without case, so "VIP" and "vip" can't both exist (SQLite's lower() folds ASCII letters).
        var lowered = trimmed.ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL lower(), which has no culture
        var taken = await db.SavedSegments.AnyAsync(s => s.Name.ToLower() == lowered && s.Id != exceptId, cancellationToken);
#pragma warning restore CA1304, CA1311, CA1862
        return taken ? new FieldError("Name", MessageCode.SegmentNameTaken) : null;
    }
}
