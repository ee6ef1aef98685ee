using Microsoft.EntityFrameworkCore;

namespace MemberCards.Data;

/// <summary>
/// A row's Version is checked by the UPDATE itself. Where reads don't wait for the first writer (PostgreSQL), two
/// saves of the same row can both pass the version read and the second then updates nothing: that is a stale edit,
/// to be refused like one, not a crash.
/// </summary>
public static class ConcurrentSave
{
    /// <summary>Saves, or returns false when a row changed since it was read (someone else's save won).</summary>
    public static async Task<bool> TrySaveChangesAsync(this DbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }
}
